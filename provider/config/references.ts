// Checks the schema cannot express: names unique, references resolve (recipes to datasets and
// folders, scenario steps and triggers to datasets and scenarios), one writer per dataset, no
// cycles, a connection where the type needs one; a code recipe without code is a warning. They read the
// merged config defensively, so these problems are reported even when the schema found others.

import { needsConnection, normalizeDatasetType } from "../dataset/types";
import { isCodeRecipe, normalizeRecipeType } from "../recipe/types";
import { checkVisual } from "../recipe/visual";
import { Loc, ProblemList } from "./problems";
import { didYouMean } from "./suggest";
import { safeString } from "./validate";
import { formatPath, locate, PathSegment, PlainConfig } from "./tree";

type Entry = Record<string, unknown>;

const where = (loc: Loc) => `${loc.file}:${loc.line}`;

export function checkReferences(plain: PlainConfig, problems: ProblemList): void {
  const root = (plain.value ?? {}) as Entry;
  const datasets = entries(root.datasets);
  const recipes = entries(root.recipes);
  const at = (path: PathSegment[]) => locate(plain, path);
  const add = (path: PathSegment[], message: string) => problems.add(at(path), formatPath(path), message);

  const datasetIndex = uniqueNames("datasets", datasets, plain, problems);
  uniqueNames("recipes", recipes, plain, problems);
  const folders = entries(root.managed_folders);
  const folderIndex = uniqueNames("managed_folders", folders, plain, problems);
  // Recipes name datasets and folders alike, so a name may not be both.
  folders.forEach(([f, i]) => {
    const clash = typeof f.name === "string" ? datasetIndex.get(f.name) : undefined;
    if (clash !== undefined) add(["managed_folders", i, "name"], `"${f.name}" is also the name of a dataset (${where(at(["datasets", clash, "name"]))}); recipes refer to both by name, so rename one`);
  });
  const flowItems = new Map([...datasetIndex, ...folderIndex]);
  checkScenarios(entries(root.scenarios), datasetIndex, plain, problems);

  datasets.forEach(([d, i]) => {
    const type = typeof d.type === "string" ? normalizeDatasetType(d.type) : undefined;
    if (type && needsConnection(type) && (d.connection === undefined || d.connection === null)) {
      add(["datasets", i, "connection"], `is required: a ${d.type} dataset lives in a DSS connection; add connection: <connection name>`);
    }
  });

  const columnsOf = declaredColumns(datasets);
  const writer = new Map<string, number>();
  const edges = new Map<string, { to: string; recipe: number; output: number }[]>();
  recipes.forEach(([r, i]) => {
    const type = typeof r.type === "string" ? normalizeRecipeType(r.type) : undefined;
    if (type && isCodeRecipe(type) && (r.code === undefined || r.code === null)) {
      // The prototype accepted code recipes without code; DSS then keeps its default script.
      problems.add(
        at(["recipes", i]),
        formatPath(["recipes", i, "code"]),
        `no code: DSS keeps the ${r.type} recipe's own script and this config does not manage it; add code: | followed by the script to manage it`,
        "warning",
      );
    } else if (type && isCodeRecipe(type) && typeof r.code === "string" && r.code.trim() === "") {
      add(["recipes", i, "code"], `is blank: it would replace DSS's script with nothing; write the script, or leave code out to keep DSS's own`);
    }
    const inputs = names(r.inputs);
    const outputs = names(r.outputs);
    const io = { inputs: inputs.map(([n]) => n), outputs: outputs.map(([n]) => n), columnsOf };
    for (const p of checkVisual(type, r, io)) add(["recipes", i, ...p.path], p.message);
    for (const [role, list] of [["inputs", inputs], ["outputs", outputs]] as const) {
      for (const [name, j] of list) {
        if (!flowItems.has(name)) {
          const what = folderIndex.size > 0 ? ["dataset or managed folder", "datasets or managed_folders"] : ["dataset", "datasets"];
          add(["recipes", i, role, j], `no ${what[0]} named "${name}" in this config${didYouMean(name, flowItems.keys()) || `; declare it under ${what[1]}`}`);
        }
      }
    }
    for (const [name, j] of outputs) {
      const first = writer.get(name);
      if (first === undefined) writer.set(name, i);
      else {
        const other = recipes.find(([, k]) => k === first)?.[0].name;
        add(["recipes", i, "outputs", j], `${folderIndex.has(name) ? "managed folder" : "dataset"} "${name}" is already written by recipe "${safeString(other)}" (${where(at(["recipes", first]))}); DSS allows one recipe per output dataset or folder`);
      }
      for (const [input] of inputs) {
        const list = edges.get(input) ?? [];
        list.push({ to: name, recipe: i, output: j });
        edges.set(input, list);
      }
    }
  });

  for (const cycle of findCycles([...datasets, ...folders].map(([d]) => d.name).filter((n): n is string => typeof n === "string"), edges)) {
    const last = cycle.steps[cycle.steps.length - 1];
    const recipeNames = cycle.steps.map((s) => safeString(recipes.find(([, k]) => k === s.recipe)?.[0].name));
    add(
      ["recipes", last.recipe, "outputs", last.output],
      `circular dependency: ${[cycle.start, ...cycle.steps.map((s) => s.to)].join(" -> ")} (through recipe${recipeNames.length > 1 ? "s" : ""} ${[...new Set(recipeNames)].join(", ")}); a recipe cannot feed its own inputs`,
    );
  }
}

/** The columns each dataset declares (name → type), from the schemas of the config. */
function declaredColumns(datasets: [Entry, number][]): (dataset: string) => ReadonlyMap<string, string> | undefined {
  const types = new Map<string, Map<string, string>>();
  for (const [d] of datasets) {
    const columns = (d.schema as { columns?: unknown } | null | undefined)?.columns;
    if (typeof d.name !== "string" || !Array.isArray(columns) || columns.length === 0) continue;
    const byName = new Map<string, string>();
    for (const c of columns) if (c && typeof c.name === "string" && typeof c.type === "string") byName.set(c.name, c.type);
    types.set(d.name, byName);
  }
  return (dataset) => types.get(dataset);
}

/** Build steps and dataset-change triggers name datasets of this config; run_scenario steps name scenarios. */
function checkScenarios(scenarios: [Entry, number][], datasetIndex: Map<string, number>, plain: PlainConfig, problems: ProblemList): void {
  const add = (path: PathSegment[], message: string) => problems.add(locate(plain, path), formatPath(path), message);
  const scenarioIndex = uniqueNames("scenarios", scenarios, plain, problems);
  const dataset = (path: PathSegment[], name: string) => {
    if (!datasetIndex.has(name)) add(path, `no dataset named "${name}" in this config${didYouMean(name, datasetIndex.keys()) || "; declare it under datasets"}`);
  };
  const runs = new Map<string, string[]>();
  scenarios.forEach(([sc, i]) => {
    entries(sc.steps).forEach(([step, k]) => {
      names(step.build).forEach(([name, j]) => dataset(["scenarios", i, "steps", k, "build", j], name));
      const other = step.run_scenario;
      if (typeof other !== "string") return;
      if (other === sc.name) add(["scenarios", i, "steps", k, "run_scenario"], "a scenario cannot run itself; name another scenario");
      else if (!scenarioIndex.has(other)) add(["scenarios", i, "steps", k, "run_scenario"], `no scenario named "${other}" in this config${didYouMean(other, scenarioIndex.keys()) || "; declare it under scenarios"}`);
      else runs.set(String(sc.name), [...(runs.get(String(sc.name)) ?? []), other]);
    });
    entries(sc.triggers).forEach(([t, k]) => names(t.dataset_changed).forEach(([name, j]) => dataset(["scenarios", i, "triggers", k, "dataset_changed", j], name)));
  });
  // Scenarios that run each other in a circle would never end.
  const state = new Map<string, "open" | "done">();
  const visit = (name: string, trail: string[]): void => {
    state.set(name, "open");
    for (const next of runs.get(name) ?? []) {
      if (state.get(next) === "open") {
        const i = scenarioIndex.get(name) as number;
        add(["scenarios", i, "steps"], `scenarios run each other in a circle: ${[...trail, name, next].join(" -> ")}; remove one run_scenario step`);
      } else if (!state.has(next)) visit(next, [...trail, name]);
    }
    state.set(name, "done");
  };
  for (const name of scenarioIndex.keys()) if (!state.has(name)) visit(name, []);
}

function entries(list: unknown): [Entry, number][] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((e, i): [Entry, number][] => (e && typeof e === "object" && !Array.isArray(e) ? [[e as Entry, i]] : []));
}

function names(list: unknown): [string, number][] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((n, j): [string, number][] => (typeof n === "string" ? [[n, j]] : []));
}

/** Reports repeated names (the prototype silently kept the last); returns name → first index. */
const SINGULAR = { datasets: "dataset", recipes: "recipe", managed_folders: "managed folder", scenarios: "scenario" } as const;

function uniqueNames(kind: keyof typeof SINGULAR, list: [Entry, number][], plain: PlainConfig, problems: ProblemList): Map<string, number> {
  const seen = new Map<string, number>();
  for (const [e, i] of list) {
    if (typeof e.name !== "string") continue;
    const first = seen.get(e.name);
    if (first === undefined) {
      seen.set(e.name, i);
      continue;
    }
    const path = [kind, i, "name"];
    const firstLoc = locate(plain, [kind, first, "name"]);
    problems.add(locate(plain, path), formatPath(path), `duplicate ${SINGULAR[kind]} name "${e.name}", first declared at ${firstLoc.file}:${firstLoc.line}; rename or remove one`);
  }
  return seen;
}

interface Step {
  to: string;
  recipe: number;
  output: number;
}

/** Each distinct cycle of the dataset graph once, found by depth-first search in declaration order. */
function findCycles(datasetNames: string[], edges: Map<string, Step[]>): { start: string; steps: Step[] }[] {
  const state = new Map<string, "open" | "done">();
  const stack: { name: string; via?: Step }[] = [];
  const found: { start: string; steps: Step[] }[] = [];
  const seen = new Set<string>();
  const visit = (name: string, via?: Step) => {
    state.set(name, "open");
    stack.push({ name, via });
    for (const step of edges.get(name) ?? []) {
      const s = state.get(step.to);
      if (s === "open") {
        const from = stack.findIndex((f) => f.name === step.to);
        const steps = [...stack.slice(from + 1).map((f) => f.via as Step), step];
        const key = [...new Set([step.to, ...steps.map((x) => x.to)])].sort().join(",");
        if (!seen.has(key)) {
          seen.add(key);
          found.push({ start: step.to, steps });
        }
      } else if (s === undefined) visit(step.to, step);
    }
    stack.pop();
    state.set(name, "done");
  };
  for (const name of datasetNames) if (!state.has(name)) visit(name);
  return found;
}
