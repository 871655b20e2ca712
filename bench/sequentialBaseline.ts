// Runs bench/sequential.py (the Wave 4 apply loop on the official Python client) against a DSS.
// Asynchronous on purpose: the emulator runs in this process and must keep answering meanwhile.
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { PACKAGE_ROOT } from "../provider/automation/offlineEnv";
import type { Workload } from "./workload";

export const PYTHON = path.join(PACKAGE_ROOT, ".venv", "bin", "python");
const SCRIPT = path.join(PACKAGE_ROOT, "bench", "sequential.py");

export function hasPythonClient(): boolean {
  return fs.existsSync(PYTHON);
}

/** Seconds the sequential apply of `workload` took, as measured by the script itself. */
export async function runSequential(workload: Workload, url: string, apiKey: string, descriptions: boolean): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-seq-"));
  try {
    const file = path.join(dir, "workload.json");
    fs.writeFileSync(file, JSON.stringify({
      projectKey: workload.projectKey,
      datasets: workload.datasets,
      recipes: workload.recipes,
      descriptions,
    }));
    const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, file], {
      env: { ...process.env, DATAIKU_URL: url, DATAIKU_API_KEY: apiKey },
      maxBuffer: 16 * 1024 * 1024,
    });
    const lastLine = stdout.trim().split("\n").pop() ?? "";
    return (JSON.parse(lastLine) as { seconds: number }).seconds;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
