import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The repository root (holds package.json), from test/config or dist/test/config. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return dir;
}

/** Writes `files` (relative path → content) into a fresh temporary directory and returns it. */
export function writeTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dataiku-config-"));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Writes one config file and returns its path. */
export function writeConfig(content: string, name = "dataiku.yml"): string {
  return path.join(writeTree({ [name]: content }), name);
}
