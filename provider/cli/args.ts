// Command-line arguments → a typed options object. No defaults that depend on the file system here:
// `workspace.ts` resolves paths against the working directory.
import { parseArgs } from "util";
import { UsageError } from "./errors";
import { Command, COMMANDS } from "./events";

export interface CliOptions {
  command: Command;
  /** Config file or directory (generate: the file to write). */
  config: string;
  /** The environment = the Pulumi stack name. */
  environment: string;
  /** Pulumi backend URL; undefined = file backend under .dataiku-iac/state. */
  stateBackend?: string;
  autoApprove: boolean;
  rollback: boolean;
  output: "console" | "json";
  verbose: boolean;
  /** generate: the DSS project to read. */
  projectKey?: string;
  /** generate: overwrite an existing file. */
  force: boolean;
}

export type ParsedArgs = { help: true; command?: Command } | ({ help: false } & CliOptions);

export const DEFAULT_CONFIG = "dataiku.yml";
export const DEFAULT_ENVIRONMENT = "dev";

export const USAGE = `Usage: dataiku-iac <command> [options]

Manage a Dataiku DSS project (project, datasets, recipes) from a YAML config, on Pulumi.

Commands:
  plan       show what apply would change (exit 0: no changes, 2: changes, 1: error)
  apply      show the plan, ask, then make DSS match the config
  destroy    delete everything this environment manages
  refresh    update the state from what DSS holds now
  generate   write a config from an existing DSS project (-p KEY), ready to adopt

Options:
  -c, --config FILE|DIR     config file or directory (default: ${DEFAULT_CONFIG}); generate: file to write
  -e, --environment ENV     environment = Pulumi stack (default: ${DEFAULT_ENVIRONMENT})
      --state-backend URL   where state lives (default: file://<cwd>/.dataiku-iac/state);
                            any Pulumi backend URL works: s3://, azblob://, gs://, https://api.pulumi.com
      --auto-approve        apply/destroy without asking (required without a terminal)
      --no-rollback         on failure, keep what this apply created (a later apply resumes)
      --output FORMAT       console (default) or json (one JSON object per line)
  -v, --verbose             error details and DSS API calls (never the API key)
  -p, --project KEY         generate: the DSS project to read
      --force               generate: overwrite the config file if it exists
  -h, --help                this help

Connection: DATAIKU_DSS_URL and DATAIKU_API_KEY (kept in the stack config after the first run;
the key encrypted). Secrets in state are encrypted with PULUMI_CONFIG_PASSPHRASE (default: empty).`;

export function parseCliArgs(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: "string", short: "c" },
        environment: { type: "string", short: "e" },
        "state-backend": { type: "string" },
        "auto-approve": { type: "boolean" },
        "no-rollback": { type: "boolean" },
        output: { type: "string" },
        verbose: { type: "boolean", short: "v" },
        project: { type: "string", short: "p" },
        force: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  const [commandName, ...extra] = positionals;
  const command = commandName === undefined ? undefined : asCommand(commandName);
  if (values.help || command === undefined) return { help: true, command };
  if (extra.length > 0) throw new UsageError(`Unexpected argument ${JSON.stringify(extra[0])}.`);

  const output = values.output ?? "console";
  if (output !== "console" && output !== "json") {
    throw new UsageError(`--output must be console or json, not ${JSON.stringify(output)}.`);
  }
  const environment = values.environment ?? DEFAULT_ENVIRONMENT;
  if (!/^[A-Za-z0-9_.-]+$/.test(environment)) {
    throw new UsageError(`-e/--environment ${JSON.stringify(environment)}: use letters, digits, "-", "_" or "." only.`);
  }
  if (command === "generate" && !values.project) {
    throw new UsageError("generate needs the DSS project to read: -p/--project KEY.");
  }
  if (command !== "generate" && (values.project !== undefined || values.force)) {
    throw new UsageError("-p/--project and --force only apply to generate.");
  }
  return {
    help: false,
    command,
    config: values.config ?? DEFAULT_CONFIG,
    environment,
    stateBackend: values["state-backend"],
    autoApprove: values["auto-approve"] ?? false,
    rollback: !(values["no-rollback"] ?? false),
    output,
    verbose: values.verbose ?? false,
    projectKey: values.project,
    force: values.force ?? false,
  };
}

function asCommand(name: string): Command {
  if ((COMMANDS as readonly string[]).includes(name)) return name as Command;
  throw new UsageError(`Unknown command ${JSON.stringify(name)}: use one of ${COMMANDS.join(", ")}.`);
}
