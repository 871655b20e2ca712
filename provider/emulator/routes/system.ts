// Instance-level routes: who am I (the cheap auth probe), and futures of long-running tasks.
import { futureNotFound } from "../errors";
import { Router } from "../router";
import { RouteEnv } from "./env";

export function registerSystemRoutes(router: Router, env: RouteEnv): void {
  router.add("GET", "/auth/info", (ctx) => {
    ctx.query.bool("withSecrets", false);
    return {
      json: { authIdentifier: env.user, associatedDSSUser: env.user, groups: ["administrators"], userProfile: "DESIGNER", admin: true },
    };
  });
  router.add("GET", "/futures/{jobId}", (ctx) => {
    ctx.query.bool("peek", false);
    const state = env.futures.state(ctx.params.jobId);
    if (!state) throw futureNotFound(ctx.params.jobId);
    return { json: state };
  });
  router.add("DELETE", "/futures/{jobId}", (ctx) => {
    // Every emulator future is already finished; aborting one only forgets it.
    if (!env.futures.forget(ctx.params.jobId)) throw futureNotFound(ctx.params.jobId);
    return { json: { msg: "aborted" } };
  });
}
