// Values come from @pulumi/pulumi's submodules: its index also loads the Automation API and, through
// the closure serializer, the TypeScript compiler, about a second of CPU in every program run.
import type * as pulumi from "@pulumi/pulumi";
import { getProject, getStack } from "@pulumi/pulumi/metadata";
import { CustomResource } from "@pulumi/pulumi/resource";
import type { ResourceKindName } from "./index";
import { quietRegistrationTraces, RESOURCE_TYPE_PREFIX } from "./quietRegistration";

/**
 * A Pulumi dynamic resource whose provider text we write ourselves instead of having Pulumi's closure
 * serializer write it. The engine stores that text in state twice per resource (inputs and outputs)
 * and rewrites state on every checkpoint, so its size matters: this one is about 100 bytes, where
 * the serialized closure was 2.4 KB. It also keeps closure serialization, and the TypeScript compiler
 * it loads, out of every run. The text names the kind and the stack, and loads the implementation by
 * package name when it runs, so state never freezes old code: a fixed `delete` in a newer release
 * reaches resources created by an older one.
 *
 * The type token is the one `pulumi.dynamic.Resource` gives (`pulumi-nodejs:dynamic/dataiku:<Type>`),
 * so Pulumi's dynamic-provider host serves it and the URNs of existing stacks do not change.
 */
export abstract class DynamicResource extends CustomResource {
  protected constructor(
    kind: ResourceKindName,
    type: string,
    name: string,
    props: pulumi.Inputs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    quietRegistrationTraces();
    // The SDK stamps a stack trace on every promise it makes while registering (for leak reports
    // under PULUMI_DEBUG_PROMISE_LEAKS), a sixth of a program's CPU. The resource's own source
    // position is still taken: the SDK lifts the limit for that one trace.
    const limit = Error.stackTraceLimit;
    if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS) Error.stackTraceLimit = 0;
    try {
      super(`${RESOURCE_TYPE_PREFIX}${type}`, name, { ...props, __provider: providerText(kind) }, opts);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}

/** The stack a resource belongs to, as written on the DSS objects it creates: `<project>/<stack>`. */
export function managingStack(): string {
  return `${getProject()}/${getStack()}`;
}

/** The module text Pulumi's dynamic-provider host loads: its `handler()` returns the provider. */
export function providerText(kind: ResourceKindName): string {
  const args = [kind, managingStack()].map((a) => JSON.stringify(a)).join(", ");
  return `exports.handler = () => require("pulumi-dataiku/dynamic").serve(${args});\n`;
}
