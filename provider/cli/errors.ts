// Every error the command shows a user, in one place: each says what is wrong and what to do.
// A CliError is printed as its message alone, never with a stack trace.

export class CliError extends Error {
  /** The underlying tool output behind this message, shown only with --verbose. */
  detail?: string;

  constructor(message: string, detail?: string) {
    super(message);
    this.name = "CliError";
    this.detail = detail;
  }
}

/** Bad flags or arguments: printed with a hint to run --help. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(`${message}\nRun \`dataiku-iac --help\` for usage.`);
    this.name = "UsageError";
  }
}

export const cliErrors = {
  missingUrl: () =>
    new CliError(
      "No DSS URL: set DATAIKU_DSS_URL (it is then kept in the stack config as dataiku:url for later runs).",
    ),
  missingApiKey: () =>
    new CliError(
      "No DSS API key: set DATAIKU_API_KEY (it is then kept encrypted in the stack config as dataiku:apiKey).",
    ),
  configNotFound: (file: string) =>
    new CliError(`Config ${file} not found: pass -c/--config with a config file or directory.`),
  cannotAsk: (command: string, why: string) =>
    new CliError(
      `Refusing to ${command} without confirmation: ${why}. Review the plan and re-run with --auto-approve.`,
    ),
  declined: (command: string) => new CliError(`${command} cancelled: nothing was changed.`),
  locked: (holders: string, environment: string, workDir: string) =>
    new CliError(
      `The state of environment ${environment} is locked by another run (${holders}). Wait for it to finish; ` +
        `if it is no longer running on any machine, remove the lock: \`cd ${workDir} && pulumi cancel --yes --stack ${environment}\`.`,
    ),
  wrongPassphrase: (environment: string, detail: string) =>
    new CliError(
      `The passphrase in PULUMI_CONFIG_PASSPHRASE does not decrypt environment ${environment}: its secrets were ` +
        "encrypted with another one. Set the passphrase it was created with: `export PULUMI_CONFIG_PASSPHRASE=<passphrase>`.",
      detail,
    ),
  missingPassphrase: (environment: string, detail: string) =>
    new CliError(
      `Environment ${environment} was created with a passphrase, and PULUMI_CONFIG_PASSPHRASE is not set. ` +
        "Set the passphrase it was created with: `export PULUMI_CONFIG_PASSPHRASE=<passphrase>`.",
      detail,
    ),
  staleWorkspace: (environment: string, stackFile: string, detail: string) =>
    new CliError(
      `The backend holds no state for environment ${environment}, but the workspace still has its settings from an earlier ` +
        `run, encrypted with another passphrase (${stackFile}). Remove them (the next run stores the DSS connection again ` +
        `from DATAIKU_DSS_URL and DATAIKU_API_KEY): \`rm ${stackFile}\`.`,
      detail,
    ),
  backendMissing: (dir: string) =>
    new CliError(
      `The state backend directory ${dir} does not exist. Create it (\`mkdir -p ${dir}\`), or pass the right --state-backend.`,
    ),
  backendNotWritable: (dir: string, why: string) =>
    new CliError(
      `The state backend directory ${dir} is not writable (${why}): the state cannot be saved there. ` +
        `Make it writable (\`chmod u+w ${dir}\`), or pass another --state-backend.`,
    ),
  pulumiFailed: (lines: string, detail: string) =>
    new CliError(`Pulumi failed: ${lines}\nRe-run with --verbose for its full output.`, detail),
  pendingCreatesBlock: (command: string, ids: string[]) =>
    new CliError(
      `A previous run was interrupted while creating ${ids.join(", ")}: DSS may hold them without the state knowing. ` +
        `Run \`dataiku-iac apply\` first (it takes them over safely), then \`dataiku-iac ${command}\`.`,
    ),
  pulumiMissing: () =>
    new CliError(
      "The `pulumi` command was not found on PATH. Install the Pulumi CLI (`curl -fsSL https://get.pulumi.com | sh`, then open a new shell), " +
        "or add the directory that holds it to PATH (in this repository: `source scripts/env.sh`).",
    ),
  projectNotFound: (key: string) =>
    new CliError(`Project ${key} does not exist in DSS (or the API key cannot see it): check -p/--project.`),
  generatedConfigInvalid: (file: string, problems: string) =>
    new CliError(
      `The project cannot be written as a valid config, so ${file} was not written:\n${problems}\n` +
        "Rename or remove these objects in DSS, or write their entries by hand.",
    ),
  outputExists: (file: string) =>
    new CliError(`${file} already exists: pass --force to overwrite it, or choose another file with -c/--config.`),
  operationFailed: (what: string, detail: string) => new CliError(`${what} failed: ${detail}`),
  existsInDss: (kind: string) =>
    new CliError(
      `this ${kind} already exists in DSS, and the config does not adopt it: add \`adopt: true\` to its entry to take it over ` +
        "(or run `dataiku-iac generate` for the whole project), or delete or rename it in DSS.",
    ),
  conflicts: (ids: string[]) =>
    new CliError(
      `${ids.length} planned create${ids.length === 1 ? " meets an object" : "s meet objects"} DSS already holds (${ids.join(", ")}); ` +
        "nothing was changed. Add `adopt: true` to their entries and run the command again.",
    ),
};

/** One line for anything thrown: our own errors as they are, others by message only. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
