// Which engine resources are ours, and their ids. Pulumi names each resource after its natural key
// (`dataset.KEY.NAME`, see provider/stack/component.ts), so the id is the URN's last segment.
import type { Action, ResourceKind } from "./events";

const TYPE_PATTERN = /^pulumi-nodejs:dynamic\/dataiku:(\w+)$/;
/** Pulumi type name → kind (the first segment of a resource id, `folder.KEY.NAME`). */
const KIND_OF_TYPE: Readonly<Record<string, ResourceKind>> = {
  Project: "project", Dataset: "dataset", Recipe: "recipe", ManagedFolder: "folder", Scenario: "scenario",
};

/** The resource kind of a Pulumi type token; undefined for the stack, the component and providers. */
export function kindOfType(type: string | undefined): ResourceKind | undefined {
  const match = TYPE_PATTERN.exec(type ?? "");
  return match ? KIND_OF_TYPE[match[1]] : undefined;
}

/** The type token inside a URN (`urn:pulumi:stack::project::parent$type::name`). */
export function urnType(urn: string): string {
  const types = urn.split("::")[2] ?? "";
  return types.slice(types.lastIndexOf("$") + 1);
}

export function idOfUrn(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/**
 * `dataiku:adoptIds` form of a resource id (`dataset.KEY.NAME` → `dataset:KEY.NAME`). The id, not the
 * inputs, is the source: in a preview a child's projectKey is unknown until its project exists.
 */
export function adoptIdOf(resource: string): string {
  const dot = resource.indexOf(".");
  return `${resource.slice(0, dot)}:${resource.slice(dot + 1)}`;
}

/** Project key and object name of a resource id. */
export function naturalKeyOf(resource: string): { projectKey: string; name?: string } {
  const [, projectKey, name] = resource.split(".");
  return { projectKey, name };
}

/** The engine's step kinds, folded into what users see. Replacement takes three engine steps. */
export function actionOfOp(op: string): Action | undefined {
  switch (op) {
    case "create":
      return "create";
    case "update":
      return "update";
    case "delete":
    case "discard":
      return "delete";
    case "replace":
    case "create-replacement":
    case "delete-replaced":
    case "discard-replaced":
      return "replace";
    case "refresh":
      return "refresh";
    default:
      return undefined; // same, read, import...: nothing changes in DSS
  }
}

export const SYMBOLS: Record<Action, string> = {
  create: "+",
  adopt: "=",
  update: "~",
  replace: "-/+",
  delete: "-",
  refresh: "~",
};
