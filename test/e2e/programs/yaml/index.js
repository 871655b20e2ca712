// The YAML adapter exactly as a user's program would use it: the config path comes from stack config.
module.exports = require("pulumi-dataiku").dataikuProgram();
