// Every error the emulator answers, as named factories. Each one yields DSS's error envelope
// (dss-rest-api.md §3) so clients parse emulator errors exactly like real ones. Messages say what is
// wrong and how to fix it; none ever contains the API key.

/** DSS's error classes, spelled as real DSS spells them (Java class names). */
export const ErrorTypes = {
  notAuthenticated: "com.dataiku.dip.exceptions.NotAuthenticatedException",
  notFound: "com.dataiku.dip.server.controllers.NotFoundException",
  illegalArgument: "java.lang.IllegalArgumentException",
  // DSS parses bodies with Gson; a malformed body surfaces as Gson's syntax exception.
  malformedJson: "com.google.gson.JsonSyntaxException",
  // Not a DSS class: injected faults must be recognisable as such when read in a log.
  injectedFault: "com.dataiku.dip.emulator.InjectedFaultException",
  throttled: "com.dataiku.dip.exceptions.TooManyRequestsException",
  internal: "java.lang.RuntimeException",
} as const;

export interface DssErrorBody {
  errorType: string;
  message: string;
  detailedMessage: string;
  detailedMessageHTML: string;
  stackTraceStr: string;
}

export class DssError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = "DssError";
  }

  toBody(): DssErrorBody {
    return {
      errorType: this.errorType,
      message: this.message,
      detailedMessage: this.message,
      detailedMessageHTML: escapeHtml(this.message),
      // DSS sends a Java stack here; a one-line pseudo-trace keeps the field present without
      // pretending to be Java or leaking emulator internals.
      stackTraceStr: `${this.errorType}: ${this.message}`,
    };
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function illegal(message: string): DssError {
  return new DssError(400, ErrorTypes.illegalArgument, message);
}

// ---- authentication -------------------------------------------------------------------------

/** Wrong key: status, class and text as observed on real DSS (dss-rest-api.md §2). */
export function unknownApiKey(): DssError {
  return new DssError(401, ErrorTypes.notAuthenticated, "Unknown API Key");
}

/**
 * No key at all. DSS's exact text is not documented; we keep its class and status (same as a wrong
 * key) and say how to send the key, because a missing header is nearly always a client setup bug.
 */
export function missingApiKey(): DssError {
  return new DssError(
    401,
    ErrorTypes.notAuthenticated,
    "No API key provided: send it in the Authorization header (Basic with the key as user name, or Bearer)",
  );
}

// ---- routing and request shape --------------------------------------------------------------

/** A route the emulator does not serve: loud, so gaps show up instead of passing silently. */
export function unhandledRoute(method: string, path: string): DssError {
  return new DssError(404, ErrorTypes.notFound, `unhandled ${method} ${path}`);
}

export function malformedJson(detail: string): DssError {
  return new DssError(400, ErrorTypes.malformedJson, `Request body is not valid JSON: ${detail}`);
}

export function bodyTooLarge(limitBytes: number): DssError {
  return new DssError(413, ErrorTypes.illegalArgument, `Request body is larger than ${limitBytes} bytes`);
}

export function badPathSegment(segment: string): DssError {
  return illegal(`Path segment '${segment}' is not validly URL-encoded`);
}

/** A field has the wrong type or shape: names the field and what it should be. */
export function invalidField(field: string, expected: string): DssError {
  return illegal(`Invalid '${field}': expected ${expected}`);
}

export function missingField(field: string, expected: string): DssError {
  return illegal(`Missing '${field}': expected ${expected}`);
}

export function invalidQueryParam(name: string, value: string, expected: string): DssError {
  return illegal(`Invalid query parameter '${name}=${value}': expected ${expected}`);
}

// ---- names and identity ---------------------------------------------------------------------

/** Real DSS answers a bad project key with a "confusing 500" (TF-res); 400 names the actual fault. */
export function invalidName(kind: string, name: string, rule: string): DssError {
  return illegal(`Invalid ${kind} '${name}': ${rule}`);
}

export function nameMismatch(kind: string, inBody: string, inUrl: string, hint: string): DssError {
  return illegal(`The ${kind} in the body ('${inBody}') differs from the one in the URL ('${inUrl}'); ${hint}`);
}

// ---- existence ------------------------------------------------------------------------------

export function projectNotFound(projectKey: string): DssError {
  return new DssError(404, ErrorTypes.notFound, `project does not exist: ${projectKey}`);
}

export function datasetNotFound(projectKey: string, name: string): DssError {
  return new DssError(404, ErrorTypes.notFound, `dataset does not exist: ${projectKey}.${name}`);
}

export function recipeNotFound(projectKey: string, name: string): DssError {
  return new DssError(404, ErrorTypes.notFound, `recipe does not exist: ${projectKey}.${name}`);
}

export function futureNotFound(jobId: string): DssError {
  return new DssError(404, ErrorTypes.notFound, `future does not exist: ${jobId}`);
}

/** Text of the Ansible collection's observation (dss-rest-api.md §3); 404 like other unknown objects. */
export function connectionNotFound(name: string): DssError {
  return new DssError(404, ErrorTypes.notFound, `Connection '${name}' does not exist`);
}

/** Duplicates: DSS's real body is unknown; "already exists" is what tools match on (HL). */
export function alreadyExists(kind: string, ref: string): DssError {
  return illegal(`${kind} ${ref} already exists: choose another name or delete the existing one first`);
}

// ---- connections and datasets ---------------------------------------------------------------

export function unknownConnectionForDataset(connection: string, datasetRef: string): DssError {
  return illegal(
    `Dataset ${datasetRef} refers to connection '${connection}', which does not exist: ` +
      `create the connection first or fix params.connection`,
  );
}

/** A body names a connection that does not exist (400: the request, not the URL, is wrong). */
export function unknownConnection(name: string, field: string): DssError {
  return illegal(`Connection '${name}' (${field}) does not exist: create it first or name an existing connection`);
}

export function connectionNotForManagedDatasets(connection: string): DssError {
  return illegal(`Connection '${connection}' does not allow managed datasets: pick a connection that does`);
}

export function unknownFormatOption(formatOptionId: string, known: readonly string[]): DssError {
  return illegal(`Unknown formatOptionId '${formatOptionId}': expected one of ${known.join(", ")}`);
}

export function partitioningSourceNotFound(ref: string): DssError {
  return illegal(`partitioningOptionId copies the partitioning of '${ref}', which does not exist`);
}

export function notAManagedFilesystemDataset(ref: string): DssError {
  return illegal(`Dataset ${ref} is not a managed dataset on a Filesystem connection, so it owns no data directory`);
}

// ---- recipes --------------------------------------------------------------------------------

/** Exact text reported by HL and the TS SDK for a missing output whose creation was not asked for. */
export function outputCreationSuppressed(): DssError {
  return illegal("Need to create output dataset or folder, but creationInfo params are suppressing it");
}

export function recipeInputMissing(recipe: string, ref: string): DssError {
  return illegal(`Input '${ref}' of recipe '${recipe}' does not exist: create the dataset before the recipe`);
}

export function recipeOutputMissing(recipe: string, ref: string): DssError {
  return illegal(`Output '${ref}' of recipe '${recipe}' does not exist: create the dataset first`);
}

export function foreignRecipeOutput(recipe: string, ref: string): DssError {
  return illegal(`Output '${ref}' of recipe '${recipe}' is in another project: recipes write only to their own project`);
}

/** DSS's flow allows one producer per dataset; its error text is unknown, so this one says why. */
export function outputAlreadyProduced(ref: string, otherRecipe: string): DssError {
  return illegal(
    `Dataset '${ref}' is already the output of recipe '${otherRecipe}': a dataset can be built by only one recipe`,
  );
}

// ---- faults ---------------------------------------------------------------------------------

export function injectedError(status: number): DssError {
  return new DssError(status, ErrorTypes.injectedFault, `Injected fault: the emulator answered HTTP ${status} on purpose`);
}

export function injectedThrottle(retryAfterSeconds: number): DssError {
  return new DssError(
    429,
    ErrorTypes.throttled,
    `Injected fault: too many requests, retry after ${retryAfterSeconds} second(s)`,
  );
}

export function internalError(): DssError {
  return new DssError(500, ErrorTypes.internal, "Internal emulator error: see the emulator log");
}

// ---- managed folders and scenarios ----------------------------------------------------------

export function folderNotFound(projectKey: string, id: string): DssError {
  return new DssError(404, ErrorTypes.notFound, `managed folder does not exist: ${projectKey}.${id}`);
}

export function scenarioNotFound(projectKey: string, id: string): DssError {
  return new DssError(404, ErrorTypes.notFound, `scenario does not exist: ${projectKey}.${id}`);
}

export function folderFileNotFound(ref: string, filePath: string): DssError {
  return new DssError(404, ErrorTypes.notFound, `file does not exist in managed folder ${ref}: ${filePath}`);
}

export function blankName(kind: string): DssError {
  return illegal(`The ${kind} name cannot be empty or made of whitespaces only`);
}

export function connectionNotForFolders(connection: string): DssError {
  return illegal(`Connection '${connection}' does not allow managed folders: pick a connection with "Allow managed folders" set`);
}

export function badScenarioType(type: string): DssError {
  return illegal(`Unknown scenario type '${type}': use step_based or custom_python`);
}
