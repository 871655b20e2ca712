const dataiku = require("pulumi-dataiku");

const project = new dataiku.Project("project", { projectKey: "UPGRADE", name: "Created by v1" });
exports.projectKey = project.projectKey;
