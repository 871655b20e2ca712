// pulumi-dataiku: Dataiku DSS projects, datasets and recipes as Pulumi resources.
export { Project, ProjectInputs } from "./project/resource";
export { Dataset, DatasetInputs } from "./dataset/resource";
export { Recipe, RecipeInputs, DatasetRef } from "./recipe/resource";
export type { ProjectArgs } from "./project/schema";
export type { DatasetArgs, Column } from "./dataset/schema";
export type { RecipeArgs } from "./recipe/schema";
export { DataikuProject, dataikuProgram, ProgramOptions } from "./stack";
export { loadConfig, ConfigError, LoadedConfig } from "./config";
