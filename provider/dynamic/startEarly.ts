// The engine starts a provider on first use: for a YAML program, that was the first resource, after
// the program had loaded this package and validated its config, so the provider's start (its host
// loads Pulumi's runtime, then our kinds: 0.9 s on 2 cores) came strictly after the program's. An
// invoke on the dynamic-provider package is a use too: sent when this package starts loading (the
// package index imports this module first), it makes the engine start the provider process while the
// program loads the rest of the package and reads its config, on the core the program leaves idle.
// Library programs get the same head start: they import the package to declare its resources.
// Pulumi's dynamic-provider host answers every invoke with "unknown function", which is expected and
// dropped here; nothing else happens.
import { invoke } from "@pulumi/pulumi/runtime/invoke";

const WARM_UP_TOKEN = "pulumi-nodejs:dynamic:startProvider";

let sent = false;

/** Asks the engine to start the dynamic-provider process now; once per process, never throws. */
export function startProviderEarly(): void {
  // Only under a real engine: unit tests with mocks (and inline automation programs) have no monitor
  // address in the environment, and a mock would see a call it does not know.
  if (sent || !process.env.PULUMI_NODEJS_MONITOR) return;
  sent = true;
  try {
    invoke(WARM_UP_TOKEN, {}).catch(() => undefined);
  } catch {
    // An SDK that refuses the invoke only loses the head start.
  }
}

startProviderEarly();
