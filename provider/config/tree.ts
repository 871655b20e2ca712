// The config as a tree of located nodes. Environment merging and templating work on this tree, so
// every value keeps the file, line and column it came from, whichever file or override supplied it.

import { Loc } from "./problems";

export type Scalar = string | number | boolean | null;

interface NodeBase {
  loc: Loc;
  /** True when the value includes a secret Pulumi config value (set by templating). */
  secret?: boolean;
}

export interface MapNode extends NodeBase {
  kind: "map";
  entries: MapEntry[];
}

export interface MapEntry {
  key: string;
  /** Where the key is written: field problems point here. */
  keyLoc: Loc;
  value: YNode;
}

export interface SeqNode extends NodeBase {
  kind: "seq";
  items: YNode[];
}

export interface ScalarNode extends NodeBase {
  kind: "scalar";
  value: Scalar;
  /** A template in it could not be resolved (already reported): other checks skip it. */
  unresolved?: boolean;
  /** Locates a fragment of the value in the source text (for template problems); undefined if not found. */
  locate?: (fragment: string) => Loc | undefined;
}

export type YNode = MapNode | SeqNode | ScalarNode;

export type PathSegment = string | number;

export function entry(map: MapNode, key: string): MapEntry | undefined {
  return map.entries.find((e) => e.key === key);
}

/** `datasets[1].params.path`; keys that are not identifiers are quoted: `params["my key"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** The tree as plain JSON-like data, with the location and secrecy of every path. */
export interface PlainConfig {
  value: unknown;
  /** Location of each formatted path: a map entry's key, a list item's start. */
  locs: Map<string, Loc>;
  /** Paths of the scalar values that include a secret config value. */
  secretPaths: PathSegment[][];
  /** Formatted paths of values whose templates could not be resolved. */
  unresolved: string[];
}

/** `base` is the path of `root` inside the whole config (for an environment section). */
export function toPlain(root: YNode, base: PathSegment[] = []): PlainConfig {
  const locs = new Map<string, Loc>();
  const secretPaths: PathSegment[][] = [];
  const unresolved: string[] = [];
  const walk = (node: YNode, path: PathSegment[], loc: Loc): unknown => {
    locs.set(formatPath(path), loc);
    if (node.kind === "scalar") {
      if (node.secret) secretPaths.push(path);
      if (node.unresolved) unresolved.push(formatPath(path));
      return node.value;
    }
    if (node.kind === "seq") return node.items.map((item, i) => walk(item, [...path, i], item.loc));
    const out: Record<string, unknown> = {};
    // defineProperty, not assignment: a `__proto__` key must stay a (reported) key, not become the prototype.
    for (const e of node.entries) {
      Object.defineProperty(out, e.key, { value: walk(e.value, [...path, e.key], e.keyLoc), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return { value: walk(root, base, root.loc), locs, secretPaths, unresolved };
}

/** The location of `path`, or of its nearest ancestor that exists (a missing field points at its parent). */
export function locate(plain: PlainConfig, path: readonly PathSegment[]): Loc {
  for (let n = path.length; n >= 0; n--) {
    const loc = plain.locs.get(formatPath(path.slice(0, n)));
    if (loc) return loc;
  }
  throw new Error("the root of a config always has a location");
}
