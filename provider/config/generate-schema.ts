// Writes schema/*.schema.json from the config zod schema: `npm run schema`.
import * as fs from "fs";
import * as path from "path";
import { jsonSchemaFiles } from "./json-schema";

/** The repository root, from provider/config (ts-node) or dist/provider/config (compiled). */
export function schemaDir(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    if (path.dirname(dir) === dir) throw new Error("package.json not found above " + __dirname);
    dir = path.dirname(dir);
  }
  return path.join(dir, "schema");
}

if (require.main === module) {
  const dir = schemaDir();
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(jsonSchemaFiles())) {
    fs.writeFileSync(path.join(dir, name), content);
    console.log(`wrote ${path.join(dir, name)}`);
  }
}
