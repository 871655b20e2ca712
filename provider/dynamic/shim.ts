import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ResourceKindName } from "./index";

/**
 * The dynamic provider that Pulumi serializes into state. It captures nothing but the kind's name and
 * loads the real implementation by package name each time it runs, so state never freezes old code:
 * a fixed `delete` in a newer release reaches resources created by an older one, and no client,
 * credential or closure of ours is ever written to state.
 */
export function shim(kind: ResourceKindName): dynamic.ResourceProvider {
  // `require` is left as text by Pulumi's serializer and resolves from the program's directory.
  const impl = () => require("pulumi-dataiku/dynamic") as typeof import("./index");
  return {
    configure: (req) => impl().configure(req),
    check: (olds, news) => impl().providers[kind].check(olds, news),
    diff: (id, olds, news) => impl().providers[kind].diff(id, olds, news),
    create: (inputs) => impl().providers[kind].create(inputs),
    read: (id, props) => impl().providers[kind].read(id, props),
    update: (id, olds, news) => impl().providers[kind].update(id, olds, news),
    delete: (id, props) => impl().providers[kind].delete(id, props),
  };
}

// One object per kind: Pulumi caches the serialized text per provider object.
export const projectShim = shim("project");
export const datasetShim = shim("dataset");
export const recipeShim = shim("recipe");
export const folderShim = shim("folder");
export const scenarioShim = shim("scenario");
