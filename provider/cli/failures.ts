// Failures of the Pulumi engine and its workspace that a user can fix, recognised from the engine's
// output and turned into one message with the command that fixes them. The raw output stays on the
// error as `detail`, for --verbose. (A locked stack is handled where the lock is met: locks.ts.)
import * as path from "path";
import { CliError, cliErrors, messageOf } from "./errors";
import { isNoise } from "./progress";

export interface FailureContext {
  environment: string;
  /** The workspace directory (Pulumi.yaml and the stack config files). */
  workDir: string;
  /** Whether the user set a passphrase (PULUMI_CONFIG_PASSPHRASE or _FILE); else it is empty. */
  passphraseSet: boolean;
}

const WRONG_PASSPHRASE = /incorrect passphrase/;
const NEW_STACK = /could not create secrets manager for new stack|pulumi stack init/;
const NO_PASSPHRASE = /passphrase must be set|PULUMI_CONFIG_PASSPHRASE.*(?:unset|not set|must)/i;

/** Whether `e` is one of the failures `knownFailure` explains; such errors must reach it unwrapped. */
export function isSetupFailure(e: unknown): boolean {
  const text = messageOf(e);
  return WRONG_PASSPHRASE.test(text) || NO_PASSPHRASE.test(text);
}

/**
 * The user-facing error for a failed engine or workspace call: a known cause with its fix, any other
 * Pulumi command failure as its `error:` lines, or undefined when `e` is not from Pulumi.
 */
export function knownFailure(e: unknown, ctx: FailureContext): CliError | undefined {
  const text = messageOf(e);
  if (WRONG_PASSPHRASE.test(text)) {
    if (NEW_STACK.test(text)) return cliErrors.staleWorkspace(ctx.environment, path.join(ctx.workDir, `Pulumi.${ctx.environment}.yaml`), text);
    return ctx.passphraseSet ? cliErrors.wrongPassphrase(ctx.environment, text) : cliErrors.missingPassphrase(ctx.environment, text);
  }
  if (NO_PASSPHRASE.test(text)) return cliErrors.missingPassphrase(ctx.environment, text);
  if (isCommandError(e)) return cliErrors.pulumiFailed(errorLines(text, (l) => !isNoise(l)), text);
  return undefined;
}

export function passphraseSet(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.PULUMI_CONFIG_PASSPHRASE) || Boolean(env.PULUMI_CONFIG_PASSPHRASE_FILE);
}

// The Automation API's CommandError (and its subclasses): `code: N\n stdout: …\n stderr: …`.
function isCommandError(e: unknown): boolean {
  return e instanceof Error && (e.name.endsWith("Error") && /^code: -?\d+\n/.test(e.message));
}

/** The `error:` lines of a pulumi command's output, without the command line and its flags. */
export function errorLines(text: string, keep: (line: string) => boolean = () => true): string {
  const lines = text.split("\n").map((l) => l.trim());
  const errors = [...new Set(lines.filter((l) => l.startsWith("error:")).map((l) => l.slice("error:".length).trim()))].filter(keep);
  if (errors.length > 0) return errors.join("\n");
  return lines.filter((l) => l && !/^(stdout|stderr|err\?):/.test(l) && !/^code: /.test(l)).slice(0, 3).join("\n") || "Pulumi failed";
}
