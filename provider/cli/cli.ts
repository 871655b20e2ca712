// The command's top level: parse, dispatch, and turn any failure into one message and exit code 1.
import { DataikuError } from "../common/errors";
import { DssApiError } from "../client";
import { CliOptions, parseCliArgs, USAGE } from "./args";
import { finish, RunContext } from "./commands/context";
import { CliError, messageOf } from "./errors";
import type { Command } from "./events";
import { createReporter } from "./reporter";
import { FailureContext, knownFailure, passphraseSet } from "./failures";
import { workDirOf } from "./paths";
import type { Terminal } from "./terminal";

type CommandFn = (ctx: RunContext) => Promise<number>;

// Loaded on use: the Pulumi SDK takes a second to load, which `--help` and usage errors should not pay.
const COMMANDS: Record<Command, () => CommandFn> = {
  plan: () => (require("./commands/plan") as typeof import("./commands/plan")).plan,
  apply: () => (require("./commands/apply") as typeof import("./commands/apply")).apply,
  destroy: () => (require("./commands/destroy") as typeof import("./commands/destroy")).destroy,
  refresh: () => (require("./commands/refresh") as typeof import("./commands/refresh")).refresh,
  generate: () => (require("./commands/generate") as typeof import("./commands/generate")).generate,
};

/** Runs one command line; resolves to the exit code. Never throws. */
export async function runCli(argv: string[], terminal: Terminal): Promise<number> {
  let parsed;
  try {
    parsed = parseCliArgs(argv);
  } catch (e) {
    terminal.err(`Error: ${messageOf(e)}`);
    return 1;
  }
  if (parsed.help) {
    terminal.out(USAGE);
    return 0;
  }
  const ctx: RunContext = {
    options: parsed,
    terminal,
    reporter: createReporter(parsed.output, terminal, parsed.verbose),
    startedAt: terminal.now(),
  };
  try {
    return await COMMANDS[parsed.command]()(ctx);
  } catch (caught) {
    const e = caught instanceof CliError ? caught : (knownFailure(caught, failureContext(parsed, terminal)) ?? caught);
    const message = userMessage(e);
    ctx.reporter.message("error", message);
    if (parsed.verbose && e instanceof CliError && e.detail) ctx.reporter.detail(e.detail);
    else if (parsed.verbose && !(e instanceof CliError) && e instanceof Error && e.stack) ctx.reporter.detail(e.stack);
    return finish(ctx, { status: "failed", exitCode: 1, error: message });
  }
}

/** Our errors and DSS errors are worded for users already; anything else is shown by its message. */
function userMessage(e: unknown): string {
  if (e instanceof CliError || e instanceof DssApiError || e instanceof DataikuError) return e.message;
  return `Unexpected error: ${messageOf(e)}. Re-run with --verbose for details.`;
}

function failureContext(options: CliOptions, terminal: Terminal): FailureContext {
  return {
    environment: options.environment,
    workDir: workDirOf(terminal),
    passphraseSet: passphraseSet(terminal.env),
  };
}
