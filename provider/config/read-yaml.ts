// Reads one YAML file into a located tree. YAML 1.2 core schema, so `yes/no/on/off` and dates stay
// strings (the prototype's YAML 1.1 turned them into booleans and dates); duplicate keys, several
// documents, alias bombs and oversized files are refused with a located problem.

import * as fs from "fs";
import { isAlias, isMap, isScalar, isSeq, LineCounter, Node, parseAllDocuments, Document } from "yaml";
import { Loc, ProblemList } from "./problems";
import { MapEntry, MapNode, YNode } from "./tree";

/** Bigger files are not hand-written configs; refusing them keeps a bad path from eating memory. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Nodes one file may expand to, aliases included: a second guard behind `maxAliasCount`. */
export const MAX_NODES_PER_FILE = 200_000;
/** How often one anchor's content may be expanded (the `yaml` package's own alias-bomb guard). */
export const MAX_ALIAS_COUNT = 1000;

const SYNTAX = "(yaml)";

class TooBig extends Error {}

/**
 * Parses `file`; returns undefined (with problems added) when it cannot be read or parsed.
 * An empty file (or only comments) yields `null`.
 */
export function readYamlFile(file: string, problems: ProblemList): YNode | null | undefined {
  const top: Loc = { file, line: 1, column: 1 };
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_FILE_BYTES) {
      problems.add(top, "(root)", `the file is ${size} bytes; config files are limited to ${MAX_FILE_BYTES} bytes (4 MiB), split it into a directory config`);
      return undefined;
    }
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    problems.add(top, "(root)", `cannot read the file: ${(e as Error).message}`);
    return undefined;
  }
  return parseYaml(text, file, problems);
}

export function parseYaml(text: string, file: string, problems: ProblemList): YNode | null | undefined {
  const lines = new LineCounter();
  const at = (offset: number): Loc => {
    const p = lines.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  const docs = parseAllDocuments(text, {
    version: "1.2",
    schema: "core",
    uniqueKeys: true,
    merge: true, // `<<: *defaults` worked in the prototype (PyYAML), keep it working
    prettyErrors: false,
    lineCounter: lines,
  });
  const list: Document[] = Array.isArray(docs) ? docs : [];
  if (list.length === 0) return null;
  let ok = true;
  for (const doc of list) {
    for (const err of doc.errors) {
      problems.add(at(err.pos[0]), SYNTAX, yamlMessage(err.code, err.message));
      ok = false;
    }
    for (const warning of doc.warnings) problems.add(at(warning.pos[0]), SYNTAX, warning.message, "warning");
  }
  if (list.length > 1) {
    const second = list[1].contents?.range?.[0] ?? text.length;
    problems.add(at(second), SYNTAX, "a config file holds one YAML document; remove the `---` separator or move the rest to another file");
    return undefined;
  }
  if (!ok) return undefined;
  const doc = list[0];
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    problems.add(at(0), SYNTAX, `${(e as Error).message}: aliases expand to too many values; use fewer nested aliases`);
    return undefined;
  }
  if (doc.contents === null) return null;

  let budget = MAX_NODES_PER_FILE;
  const expanding = new Set<unknown>();
  const build = (node: unknown, loc: Loc): YNode => {
    if (--budget < 0) throw new TooBig();
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (!target || expanding.has(target)) throw new TypeError(`alias *${node.source} refers to itself or to nothing`);
      expanding.add(target);
      try {
        return build(target, loc);
      } finally {
        expanding.delete(target);
      }
    }
    const own = nodeLoc(node) ?? loc;
    if (isMap(node)) {
      const merged: MapEntry[] = [];
      const explicit: MapEntry[] = [];
      for (const pair of node.items) {
        const keyLoc = nodeLoc(pair.key) ?? own;
        if (isScalar(pair.key) && typeof pair.key.value === "symbol") {
          // `<<`: entries of the merged map(s) that the map itself does not set
          const value = build(pair.value, keyLoc);
          const sources = value.kind === "seq" ? value.items : [value];
          for (const source of sources) {
            if (source.kind !== "map") throw new TypeError("`<<` merges mappings only: use `<<: *anchor` with an anchored mapping");
            for (const e of source.entries) if (!merged.some((m) => m.key === e.key)) merged.push(e);
          }
          continue;
        }
        if (!isScalar(pair.key)) throw new TypeError(`keys must be plain text (at line ${keyLoc.line})`);
        const key = String(pair.key.value);
        explicit.push({ key, keyLoc, value: pair.value === null ? { kind: "scalar", value: null, loc: keyLoc } : build(pair.value, keyLoc) });
      }
      const entries = [...merged.filter((m) => !explicit.some((e) => e.key === m.key)), ...explicit];
      return { kind: "map", entries, loc: own } satisfies MapNode;
    }
    if (isSeq(node)) {
      return { kind: "seq", loc: own, items: node.items.map((item) => (item === null ? { kind: "scalar", value: null, loc: own } : build(item, own))) };
    }
    if (isScalar(node)) {
      const raw = node.range ? text.slice(node.range[0], node.range[1]) : undefined;
      const start = node.range?.[0];
      const value = node.value;
      return {
        kind: "scalar",
        loc: own,
        value: typeof value === "symbol" ? "<<" : typeof value === "bigint" ? Number(value) : (value as string | number | boolean | null),
        locate: (fragment) => {
          const i = raw?.indexOf(fragment) ?? -1;
          return i < 0 || start === undefined ? undefined : at(start + i);
        },
      };
    }
    throw new TypeError("unsupported YAML node");
  };

  function nodeLoc(node: unknown): Loc | undefined {
    const range = (node as Node | null)?.range;
    return range ? at(range[0]) : undefined;
  }

  try {
    return build(doc.contents, at(0));
  } catch (e) {
    if (e instanceof TooBig) {
      problems.add(at(0), SYNTAX, `the file expands to more than ${MAX_NODES_PER_FILE} values; use fewer aliases or split it`);
    } else {
      problems.add(at(0), SYNTAX, (e as Error).message);
    }
    return undefined;
  }
}

function yamlMessage(code: string, message: string): string {
  if (code === "DUPLICATE_KEY") return "duplicate key: each key may appear only once in a mapping; remove or rename one";
  const first = message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  return `invalid YAML: ${first}`;
}
