// pulumi-dataiku: Dataiku DSS projects, datasets, recipes, managed folders and scenarios as Pulumi resources.
// First, before the modules below load (0.12 s on 2 cores): ask the engine to start the
// provider process, so it loads while this package and the program do (see dynamic/startEarly.ts).
import "./dynamic/startEarly";
export { Project, ProjectInputs } from "./project/resource";
export { Dataset, DatasetInputs } from "./dataset/resource";
export { Recipe, RecipeInputs, DatasetRef } from "./recipe/resource";
export { ManagedFolder, ManagedFolderInputs } from "./folder/resource";
export { Scenario, ScenarioInputs } from "./scenario/resource";
export type { ProjectArgs } from "./project/schema";
export type { DatasetArgs, Column } from "./dataset/schema";
export type { RecipeArgs } from "./recipe/schema";
export type { FolderArgs } from "./folder/schema";
export type { ScenarioArgs, ScenarioStep, ScenarioTrigger } from "./scenario/schema";
export { DataikuProject, dataikuProgram, ProgramOptions } from "./stack";
export { loadConfig, ConfigError, LoadedConfig } from "./config";
