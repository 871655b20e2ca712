// Finds and reads the config files: one file, or a directory with project.yml plus datasets/*.yml and
// recipes/*.yml. The result is one located tree whose lists hold the entries of every file, in
// project.yml-then-file-name order, each still pointing at its own file.

import * as fs from "fs";
import * as path from "path";
import { Loc, ProblemList } from "./problems";
import { readYamlFile } from "./read-yaml";
import { CONFIG_VERSION, configSchema, versionSchema } from "./schema";
import { didYouMean } from "./suggest";
import { entry, MapNode, SeqNode, YNode } from "./tree";

/** A directory config with more files than this is almost surely the wrong directory. */
export const MAX_FILES = 1000;

export interface Sources {
  root?: MapNode;
  files: string[];
}

const TOP_LEVEL_KEYS = Object.keys(configSchema.shape);

export function readSources(configPath: string, problems: ProblemList): Sources {
  const top: Loc = { file: configPath, line: 1, column: 1 };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(configPath);
  } catch {
    problems.add(top, "(root)", "no such file or directory; give the path of a config file or of a directory holding project.yml");
    return { files: [] };
  }
  if (!stat.isDirectory()) {
    const root = readRoot(configPath, problems);
    return { root, files: [configPath] };
  }

  const candidates = ["project.yml", "project.yaml"].map((f) => path.join(configPath, f)).filter((f) => fs.existsSync(f));
  if (candidates.length === 0) {
    problems.add(top, "(root)", "a directory config needs a project.yml (or project.yaml) file with the project section");
    return { files: [] };
  }
  if (candidates.length > 1) {
    problems.add({ file: candidates[1], line: 1, column: 1 }, "(root)", "both project.yml and project.yaml exist; keep only one");
  }
  const files = [candidates[0]];
  const root = readRoot(candidates[0], problems);
  for (const kind of ["datasets", "recipes"] as const) {
    for (const file of listPartFiles(path.join(configPath, kind), problems)) {
      if (files.length >= MAX_FILES) {
        problems.add(top, "(root)", `more than ${MAX_FILES} files; a directory config is limited to ${MAX_FILES} files`);
        return { root, files };
      }
      files.push(file);
      const part = readYamlFile(file, problems);
      if (part === null || part === undefined) continue; // empty files are skipped, like the prototype did
      if (root) appendPart(root, part, kind, problems);
    }
  }
  return { root, files };
}

function readRoot(file: string, problems: ProblemList): MapNode | undefined {
  const node = readYamlFile(file, problems);
  if (node === null) {
    problems.add({ file, line: 1, column: 1 }, "(root)", "the file is empty; a config needs at least a project with a key and a name");
    return undefined;
  }
  if (node === undefined) return undefined;
  if (node.kind !== "map") {
    problems.add(node.loc, "(root)", "a config must be a mapping with version, project, datasets and recipes keys, not a list or a value");
    return undefined;
  }
  return node;
}

/** `*.yml` and `*.yaml` files of `dir`, sorted by name; not recursive. */
function listPartFiles(dir: string, problems: ProblemList): string[] {
  if (!fs.existsSync(dir)) return [];
  if (!fs.statSync(dir).isDirectory()) {
    problems.add({ file: dir, line: 1, column: 1 }, "(root)", "must be a directory of .yml files (or be removed)");
    return [];
  }
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && fs.statSync(path.join(dir, f)).isFile())
    .sort()
    .map((f) => path.join(dir, f));
}

/** Appends a part file's `datasets` (or `recipes`) list to the root's; other keys are reported. */
function appendPart(root: MapNode, part: YNode, kind: "datasets" | "recipes", problems: ProblemList): void {
  if (part.kind !== "map") {
    problems.add(part.loc, "(root)", `a file under ${kind}/ must be a mapping with a ${kind}: list`);
    return;
  }
  for (const e of part.entries) {
    if (e.key === kind || e.key === "version" || e.key === "metadata") continue;
    const hint = TOP_LEVEL_KEYS.includes(e.key)
      ? `; files under ${kind}/ hold only a ${kind}: list, move it to ${e.key === "datasets" || e.key === "recipes" ? `${e.key}/` : "project.yml"}`
      : `${didYouMean(e.key, [kind]) || "."} Files under ${kind}/ hold only a ${kind}: list`;
    problems.add(e.keyLoc, e.key, `unknown key "${e.key}"${hint}`);
  }
  const version = entry(part, "version");
  if (version && !versionSchema.safeParse(version.value.kind === "scalar" ? version.value.value : undefined).success) {
    problems.add(version.keyLoc, "version", `unsupported version; this loader reads version "${CONFIG_VERSION}" (or leave version out)`);
  }
  const list = entry(part, kind);
  if (!list) return;
  if (list.value.kind !== "seq") {
    problems.add(list.keyLoc, kind, `must be a list of ${kind}`);
    return;
  }
  const existing = entry(root, kind);
  if (!existing) {
    root.entries.push({ key: kind, keyLoc: list.keyLoc, value: list.value });
  } else if (existing.value.kind === "seq") {
    existing.value = { ...existing.value, items: [...existing.value.items, ...list.value.items] } satisfies SeqNode;
  }
}
