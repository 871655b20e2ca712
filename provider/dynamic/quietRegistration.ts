// The SDK traces every resource registration with three debug messages ("Registering resource",
// "RegisterResource RPC prepared", "RegisterResource RPC finished"), each its own RPC to the engine,
// chained behind the previous log and turned into an engine event that the display drops unless
// `pulumi up --debug`. For our resources that was three of every four RPCs the program made, and a
// sixth of a no-op `up` at N = 1000. This keeps those three off the wire for our resource types only;
// every other debug message, the user's included, still goes out. DATAIKU_SDK_TRACE=1 keeps them all.
import * as log from "@pulumi/pulumi/log";

/** The type prefix of our resources (see resource.ts). */
export const RESOURCE_TYPE_PREFIX = "pulumi-nodejs:dynamic/dataiku:";

const REGISTRATION_TRACE = new RegExp(
  `^(Registering resource: t=|RegisterResource RPC (prepared: t=|finished: resource:[^\\n]*\\[))${RESOURCE_TYPE_PREFIX}`,
);

/** Whether `message` is one of the SDK's registration traces for one of our resources. */
export function isOurRegistrationTrace(message: string): boolean {
  return REGISTRATION_TRACE.test(message);
}

/** `debug`, but our registration traces resolve at once and go nowhere. */
export function withoutOurTraces(debug: typeof log.debug): typeof log.debug {
  return (message, ...rest) => (isOurRegistrationTrace(message) ? Promise.resolve() : debug(message, ...rest));
}

let installed = false;

/**
 * Wraps the SDK's `log.debug` once per process. The SDK's runtime reads `log.debug` from the module at
 * each call, so the wrapper sees its registration traces. If a future SDK freezes the module, the
 * assignment fails and nothing changes but speed.
 */
export function quietRegistrationTraces(): void {
  if (installed || process.env.DATAIKU_SDK_TRACE === "1") return;
  installed = true;
  try {
    (log as { debug: typeof log.debug }).debug = withoutOurTraces(log.debug);
  } catch {
    // A read-only export: keep the SDK's behaviour.
  }
}
