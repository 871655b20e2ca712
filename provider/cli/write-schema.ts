// Writes schema/cli-events.schema.json from the zod schema in events.ts:
// `npx tsc -p tsconfig.json && node dist/provider/cli/write-schema.js`. A test fails when it is stale.
import * as fs from "fs";
import * as path from "path";
import { schemaDir } from "../config/generate-schema";
import { cliEventsJsonSchema, EVENTS_SCHEMA_FILE } from "./events";

if (require.main === module) {
  const file = path.join(schemaDir(), EVENTS_SCHEMA_FILE);
  fs.writeFileSync(file, cliEventsJsonSchema());
  console.log(`wrote ${file}`);
}
