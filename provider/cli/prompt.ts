// The confirmation before apply and destroy. Only "yes" confirms, as with `pulumi up`; with no one to
// ask (no terminal, or a JSON stream that a prompt would corrupt) the run is refused, never hung.
import type { RunContext } from "./commands/context";
import { CliError, cliErrors } from "./errors";

/** Undefined when confirmed; otherwise the refusal to report. */
export async function confirm(ctx: RunContext, verb: "apply" | "destroy"): Promise<CliError | undefined> {
  if (ctx.options.autoApprove) return undefined;
  if (ctx.options.output === "json") return cliErrors.cannotAsk(verb, "--output json cannot ask a question");
  if (!ctx.terminal.interactive) return cliErrors.cannotAsk(verb, "there is no terminal to ask on");
  const answer = await ctx.terminal.ask(`\nDo you want to ${verb} these changes? Only 'yes' will be accepted: `);
  return answer.trim() === "yes" ? undefined : cliErrors.declined(verb === "apply" ? "Apply" : "Destroy");
}
