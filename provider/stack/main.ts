// Entry point of the repository's own Pulumi project (Pulumi.yaml at the root): the YAML adapter.
import { dataikuProgram } from "./program";

export = dataikuProgram();
