// User-facing errors of the resources, in one place. Each says what happened and what to do.
// The engine prints read/delete/check/diff failures as `${error}: ${error.stack}`, so these errors
// carry their message as the "stack": users see one clear line, never a Node stack trace.

export class DataikuError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataikuError";
    Object.defineProperty(this, "stack", { value: message, enumerable: false, writable: true });
  }
  override toString(): string {
    return "dataiku";
  }
}

/** A create that wrote something before failing: Pulumi records `id` so the next `up` converges. */
export class PartialCreateError extends DataikuError {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    readonly reasons: string[] = [message],
  ) {
    super(message);
  }
}

export const errors = {
  missingUrl: () =>
    new DataikuError(
      "No DSS URL configured: run `pulumi config set dataiku:url https://dss.example.com` or set DATAIKU_DSS_URL.",
    ),
  missingApiKey: () =>
    new DataikuError(
      "No DSS API key configured: run `pulumi config set --secret dataiku:apiKey <key>` or set DATAIKU_API_KEY.",
    ),
  badSetting: (key: string, value: string, expected: string) =>
    new DataikuError(`Invalid setting dataiku:${key}=${JSON.stringify(value)}: expected ${expected}.`),
  alreadyExists: (what: string, adoptHint: string) =>
    new DataikuError(
      `${what} already exists in DSS and is not managed by this stack. ` +
        `To take it over, set ${adoptHint}; to create a new one, pick another name.`,
    ),
  adoptTypeMismatch: (what: string, expected: string, actual: string) =>
    new DataikuError(
      `${what} exists in DSS with type ${actual}, but the program declares type ${expected}: ` +
        `fix the type in the program, or delete/rename the existing object first.`,
    ),
  payloadNotJson: (what: string) =>
    new DataikuError(
      `${what} holds a payload that is not a JSON object, so its settings cannot be merged: ` +
        `fix the recipe in DSS (or recreate it), then run again.`,
    ),
  dss: (action: string, what: string, cause: unknown) =>
    new DataikuError(`Could not ${action} ${what}: ${describe(cause)}`),
};

export function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return String(cause);
}
