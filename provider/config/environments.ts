// Per-environment overrides. The Pulumi stack name is the environment; `environments.<stack>` is a
// partial config deep-merged over the base, and its `datasets`/`recipes` merge by `name` so an
// override can change one dataset's connection without repeating the rest (or add a new one).

import { ProblemList } from "./problems";
import { didYouMean } from "./suggest";
import { entry, MapEntry, MapNode, SeqNode, YNode } from "./tree";

const MERGED_BY_NAME = new Set(["datasets", "recipes", "managed_folders", "scenarios"]);

export interface SplitConfig {
  /** The config without its `environments` section. */
  base: MapNode;
  /** All environment sections (for validation), if any. */
  environments?: MapNode;
  /** The section for this stack, when the config has environments and the stack is one of them. */
  selected?: MapNode;
}

/** Splits off `environments`; an unknown stack is an error so a typo cannot deploy the defaults. */
export function selectEnvironment(root: MapNode, stack: string, problems: ProblemList): SplitConfig {
  const section = entry(root, "environments");
  const base: MapNode = { ...root, entries: root.entries.filter((e) => e.key !== "environments") };
  if (!section) return { base };
  if (section.value.kind !== "map") {
    problems.add(section.keyLoc, "environments", "must be a mapping from stack name to that stack's overrides, e.g. dev: {project: {key: MY_PROJECT_DEV}}");
    return { base };
  }
  const names = section.value.entries.map((e) => e.key);
  const chosen = entry(section.value, stack);
  if (!chosen) {
    problems.add(
      section.keyLoc,
      "environments",
      `stack "${stack}" is not one of the environments of this config (${names.join(", ") || "none"})${didYouMean(stack, names) || "."} ` +
        `Select one of them with \`pulumi stack select\`, or add environments.${stack}`,
    );
  }
  const selected = chosen?.value.kind === "map" ? chosen.value : undefined;
  return { base, environments: section.value, selected };
}

/** Deep-merges `override` over `base`; maps merge key by key, other values are replaced. */
export function mergeEnvironment(base: MapNode, override: MapNode): MapNode {
  const entries = [...base.entries];
  for (const o of override.entries) {
    const i = entries.findIndex((e) => e.key === o.key);
    if (i < 0) {
      entries.push(o);
      continue;
    }
    const b = entries[i];
    entries[i] = MERGED_BY_NAME.has(o.key) && b.value.kind === "seq" && o.value.kind === "seq"
      ? { ...b, value: mergeByName(b.value, o.value) }
      : mergeEntry(b, o);
  }
  return { ...base, entries };
}

function mergeNode(base: YNode, override: YNode): YNode {
  if (base.kind === "map" && override.kind === "map") {
    const entries = [...base.entries];
    for (const o of override.entries) {
      const i = entries.findIndex((e) => e.key === o.key);
      if (i < 0) entries.push(o);
      else entries[i] = mergeEntry(entries[i], o);
    }
    return { ...base, entries };
  }
  return override;
}

/** A replaced value keeps the override's key location, so problems point where the value was written. */
function mergeEntry(base: MapEntry, override: MapEntry): MapEntry {
  if (base.value.kind === "map" && override.value.kind === "map") return { ...base, value: mergeNode(base.value, override.value) };
  return override;
}

function nameOf(node: YNode): string | undefined {
  if (node.kind !== "map") return undefined;
  const name = entry(node, "name")?.value;
  return name?.kind === "scalar" && typeof name.value === "string" ? name.value : undefined;
}

function mergeByName(base: SeqNode, override: SeqNode): SeqNode {
  const items = [...base.items];
  for (const o of override.items) {
    const name = nameOf(o);
    if (name === undefined) continue; // the environment schema reports the missing name
    const i = items.findIndex((b) => nameOf(b) === name);
    if (i < 0) items.push(o);
    else items[i] = mergeNode(items[i], o);
  }
  return { ...base, items };
}
