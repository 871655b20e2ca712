module.exports = require("pulumi-dataiku").dataikuProgram({ configFile: "dataiku.yml" });
