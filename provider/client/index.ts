// The DSS REST client: typed calls over DSS's public API, with retries that never duplicate a create.

export { DssClient } from "./client";
export { DssClientOptions, RequestLogEvent } from "./http";
export { ProjectsApi } from "./projects";
export { DatasetsApi } from "./datasets";
export { RecipesApi } from "./recipes";
export { FoldersApi } from "./folders";
export { ScenariosApi } from "./scenarios";
export { ConnectionsApi } from "./connections";
export { CreateOnceSteps, createOnce, existsBy } from "./create";
export {
  DssApiError, DssApiErrorFields, SETTING_HINTS, isAlreadyExists, isAmbiguousWrite, isAuthError, isBadApiKey,
  isNotFound, isRejection,
} from "./errors";
export * from "./types";
