export { DataikuProject } from "./component";
export { dataikuProgram, loadForStack, ProgramOptions } from "./program";
