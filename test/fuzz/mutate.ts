// Seeded building blocks for the fuzz tests: junk values, bad names, and structural or textual
// mutations of a document. Everything is a fast-check arbitrary, so a failing case is reproduced
// exactly by its seed and shrunk to a small example.
import * as fc from "fast-check";

/** The seed of every fuzz run; set FUZZ_SEED to replay another one. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261127);

/** `n` runs, times FUZZ_SCALE (default 1) for a longer hunt: `FUZZ_SCALE=20 npx mocha ...`. */
export function runs(n: number): number {
  return Math.max(1, Math.round(n * Number(process.env.FUZZ_SCALE ?? 1)));
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };
export type Path = Array<string | number>;

/** Names that try to leave their URL segment or their project, or that DSS could not store. */
export const BAD_NAMES: readonly string[] = [
  "..", ".", "../OTHER", "../../OTHER/datasets/X", "X%2F..", "a/b", "a\\b", "a.b", "OTHER.X", "a b", " ", "",
  "é", "日本語", "😀", "Ωmega", "a\u0000b", "\t", "a\nb", "a?b", "a#b", "a%b", "%2e%2e", "%2F", "a;b",
  "CON", "-lead", "x".repeat(300), "{{ env.NOPE }}", "NAME\u202e", "\ufeffBOM", "Ａ", "İ",
];

/** Strings a template resolver could trip on. */
export const TEMPLATES: readonly string[] = [
  "{{ env.UNSET_VARIABLE }}", "{{ config.missing }}", "{{ nope }}", "{{", "}}", "{{ }}", "{{ stack }}",
  "{{ env. }}", "{{{{ stack }}}}", "pre {{ config.plain }} post {{ env.NOPE }}", "{{ config.secretThing }}",
  "{{ env.__proto__ }}", "{{ config.a:b }}", "{{ stack ", "{{\nstack\n}}",
];

/** Keys that look like real ones, or that are special to JavaScript objects. */
export const ODD_KEYS: readonly string[] = [
  "nmae", "Type", "format-type", "formatType", "__proto__", "constructor", "prototype", "toString",
  "hasOwnProperty", "", " ", "é", "key ", "<<", "null", "0",
];

/** Any JSON value, biased towards the shapes that break code: wrong types, huge, deep, unicode. */
export function junkValue(): fc.Arbitrary<Json> {
  return fc.oneof(
    fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 1e300, "", [], {}, "null", "true", "1.0", "~"),
    fc.string(),
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: "binary" }),
    fc.constantFrom(...BAD_NAMES),
    fc.constantFrom(...TEMPLATES),
    fc.nat({ max: 200_000 }).map((n) => "x".repeat(n)),
    fc.nat({ max: 300 }).map((depth) => nested(depth)),
    fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  );
}

function nested(depth: number): Json {
  let value: Json = "bottom";
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { deep: value };
  return value;
}

export type StructuralOp =
  | { kind: "delete" | "badName" | "template" | "unicode" | "duplicate"; at: number; value: Json }
  | { kind: "retype"; at: number; value: Json }
  | { kind: "addKey"; at: number; key: string; value: Json };

export function structuralOps(): fc.Arbitrary<StructuralOp[]> {
  const op: fc.Arbitrary<StructuralOp> = fc.oneof(
    fc.record({ kind: fc.constantFrom("delete" as const, "duplicate" as const), at: fc.nat(), value: fc.constant(null) }),
    fc.record({ kind: fc.constant("retype" as const), at: fc.nat(), value: junkValue() }),
    fc.record({ kind: fc.constant("badName" as const), at: fc.nat(), value: fc.constantFrom(...BAD_NAMES) }),
    fc.record({ kind: fc.constant("template" as const), at: fc.nat(), value: fc.constantFrom(...TEMPLATES) }),
    fc.record({ kind: fc.constant("unicode" as const), at: fc.nat(), value: fc.string({ unit: "binary", minLength: 1, maxLength: 8 }) }),
    fc.record({
      kind: fc.constant("addKey" as const),
      at: fc.nat(),
      key: fc.oneof(fc.constantFrom(...ODD_KEYS), fc.string({ maxLength: 12 })),
      value: junkValue(),
    }),
  );
  return fc.array(op, { minLength: 1, maxLength: 4 });
}

/** Every path inside `doc`, containers and leaves, root excluded. */
export function allPaths(doc: Json, prefix: Path = []): Path[] {
  if (doc === null || typeof doc !== "object") return [];
  const keys: Array<string | number> = Array.isArray(doc) ? doc.map((_, i) => i) : Object.keys(doc);
  return keys.flatMap((k) => [[...prefix, k], ...allPaths((doc as Record<string | number, Json>)[k], [...prefix, k])]);
}

function parentOf(doc: Json, path: Path): Container {
  let node = doc as Container;
  for (const k of path.slice(0, -1)) node = (node as Record<string | number, Json>)[k] as Container;
  return node;
}

function getAt(doc: Json, path: Path): Json {
  return (parentOf(doc, path) as Record<string | number, Json>)[path[path.length - 1]];
}

/** Sets an own property even for `__proto__`, which plain assignment would turn into a prototype. */
function setAt(doc: Json, path: Path, value: Json): void {
  const parent = parentOf(doc, path);
  Object.defineProperty(parent, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
}

/** Applies the ops to a deep copy of `doc`; ops that do not fit the document are skipped. */
export function applyStructural(base: Json, ops: StructuralOp[]): Json {
  const doc = structuredClone(base);
  for (const op of ops) {
    const paths = allPaths(doc);
    if (paths.length === 0) break;
    const pick = (filter: (p: Path) => boolean) => {
      const fitting = paths.filter(filter);
      return fitting.length === 0 ? undefined : fitting[op.at % fitting.length];
    };
    switch (op.kind) {
      case "delete": {
        const path = pick(() => true)!;
        const parent = parentOf(doc, path);
        if (Array.isArray(parent)) parent.splice(path[path.length - 1] as number, 1);
        else delete parent[path[path.length - 1] as string];
        break;
      }
      case "duplicate": {
        const path = pick((p) => Array.isArray(getAt(doc, p)) && (getAt(doc, p) as Json[]).length > 0);
        if (!path) break;
        const list = getAt(doc, path) as Json[];
        list.push(structuredClone(list[op.at % list.length]));
        break;
      }
      case "retype":
        // Copies: fast-check reuses generated values while shrinking, so they must stay untouched.
        setAt(doc, pick(() => true)!, structuredClone(op.value));
        break;
      case "badName": {
        const path = pick((p) => /^(name|key|ref|inputs|outputs)$/.test(String(p[p.length - 1])) || p.includes("inputs") || p.includes("outputs"));
        if (path && typeof getAt(doc, path) !== "object") setAt(doc, path, op.value);
        break;
      }
      case "template":
      case "unicode": {
        const path = pick((p) => typeof getAt(doc, p) === "string");
        if (!path) break;
        const old = getAt(doc, path) as string;
        setAt(doc, path, op.kind === "template" ? op.value : `${op.value as string}${old}${op.value as string}`);
        break;
      }
      case "addKey": {
        const path = pick((p) => { const v = getAt(doc, p); return v !== null && typeof v === "object" && !Array.isArray(v); });
        const target = path ? (getAt(doc, path) as Record<string, Json>) : (doc as Record<string, Json>);
        if (target && typeof target === "object" && !Array.isArray(target)) {
          Object.defineProperty(target, op.key, { value: structuredClone(op.value), enumerable: true, writable: true, configurable: true });
        }
        break;
      }
    }
  }
  return doc;
}

/** YAML fragments that break syntax, structure or the loader's guards when dropped into a file. */
export const SNIPPETS: readonly string[] = [
  ":", ": :", "- ", "-", "{", "}", "[", "]", ",", "&a ", "*a", "*nope", "<<: *a\n", "<<: [1, 2]\n", "\t", "  ",
  "\n---\n", "\n...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "!!binary ", "!!map ", "!custom ", "? ", "? [a]: b\n",
  "'", "\"", "#", "\u00a0", "\ufeff", "\u0000", "\u2028", "@", "`", "|", ">", "|-\n", "\r\n", "\r", "\\", "{{", "}}",
  "key: value\n", "datasets: \n", "project: null\n", "- name: X\n  type: managed\n", "&x [*x]", "!!python/object:os.system ",
  "0x1F", "1e9999", ".nan", "-.inf", "2025-01-01", "yes", "~", "\"\\uD800\"", "'unterminated", "\"\\q\"",
];

export type TextOp =
  | { kind: "insert"; at: number; text: string }
  | { kind: "delete"; at: number; length: number }
  | { kind: "truncate"; at: number }
  | { kind: "duplicateLine" | "swapLines" | "indent" | "dedent"; at: number; other: number };

export function textOps(): fc.Arbitrary<TextOp[]> {
  const op: fc.Arbitrary<TextOp> = fc.oneof(
    fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ unit: "binary", maxLength: 6 })) }),
    fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
    fc.record({ kind: fc.constantFrom("duplicateLine" as const, "swapLines" as const, "indent" as const, "dedent" as const), at: fc.nat(), other: fc.nat() }),
  );
  return fc.array(op, { minLength: 1, maxLength: 5 });
}

export function applyText(text: string, ops: TextOp[]): string {
  let out = text;
  for (const op of ops) {
    const pos = out.length === 0 ? 0 : op.at % (out.length + 1);
    const lines = out.split("\n");
    const line = lines.length === 0 ? 0 : op.at % lines.length;
    switch (op.kind) {
      case "insert":
        out = out.slice(0, pos) + op.text + out.slice(pos);
        break;
      case "delete":
        out = out.slice(0, pos) + out.slice(pos + op.length);
        break;
      case "truncate":
        out = out.slice(0, pos);
        break;
      case "duplicateLine":
        lines.splice(line, 0, lines[line]);
        out = lines.join("\n");
        break;
      case "swapLines": {
        const j = op.other % lines.length;
        [lines[line], lines[j]] = [lines[j], lines[line]];
        out = lines.join("\n");
        break;
      }
      case "indent":
        lines[line] = " ".repeat(1 + (op.other % 5)) + lines[line];
        out = lines.join("\n");
        break;
      case "dedent":
        lines[line] = lines[line].replace(/^\s{1,2}/, "");
        out = lines.join("\n");
        break;
    }
  }
  return out;
}
