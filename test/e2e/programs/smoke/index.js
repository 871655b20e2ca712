// The smallest useful dynamic resource: it proves the engine, the language host, closure
// serialization and the provider process all work together.
const pulumi = require("@pulumi/pulumi");

const counter = {
  async create(inputs) {
    return { id: `word-${inputs.word}`, outs: { word: inputs.word, letters: inputs.word.length } };
  },
  async diff(_id, olds, news) {
    return { changes: olds.word !== news.word, replaces: olds.word !== news.word ? ["word"] : [] };
  },
};

const config = new pulumi.Config();
const word = new pulumi.dynamic.Resource(counter, "word", { word: config.get("word") || "hello", letters: undefined });
exports.letters = word.letters;
exports.id = word.id;
