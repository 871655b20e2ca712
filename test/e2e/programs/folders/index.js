// ManagedFolder and Scenario from the library: a folder is a recipe output like a Dataset, one
// folder keeps its files on delete and one drops them, a scenario runs another one.
const pulumi = require("@pulumi/pulumi");
const dataiku = require("pulumi-dataiku");

const config = new pulumi.Config("e2e");
const project = new dataiku.Project("project", { projectKey: "E2E_FOLDERS", name: "E2E folders" });
const input = new dataiku.Dataset("input", { projectKey: project.projectKey, name: "INPUT", type: "managed" });

const kept = new dataiku.ManagedFolder("kept", {
  projectKey: project.projectKey,
  name: "kept_files",
  description: config.get("folderDescription") || "kept on delete",
});
const dropped = new dataiku.ManagedFolder("dropped", {
  projectKey: project.projectKey,
  name: "dropped_files",
  dropFilesOnDelete: true,
});

new dataiku.Recipe("write", {
  projectKey: project.projectKey,
  name: "write_files",
  type: "python",
  inputs: [input],
  outputs: [kept, dropped],
  code: "import dataiku\n",
});

const refresh = new dataiku.Scenario("refresh", {
  projectKey: project.projectKey,
  name: "refresh_input",
  description: config.get("refreshDescription") || "builds the input",
  steps: [{ build: [input] }],
});
new dataiku.Scenario("nightly", {
  projectKey: project.projectKey,
  name: "nightly",
  active: true,
  steps: [{ runScenario: refresh }],
  triggers: [{ cron: config.get("cron") || "0 3 * * *" }, { datasetChanged: [input] }],
});

exports.keptId = kept.folderId;
exports.droppedId = dropped.folderId;
