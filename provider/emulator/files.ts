// Small file-system helpers for the store: atomic JSON writes and tolerant directory reads.
import * as fs from "fs";
import * as path from "path";

let tmpCounter = 0;

/**
 * Writes JSON so that readers (and a restart after a crash) see either the old file or the new one,
 * never a torn mix: write a sibling temp file, then rename over the target (atomic on POSIX).
 * No fsync: the emulator guards against process crashes, not power loss, and fsync per object
 * would make seeding thousands of objects slow.
 *
 * Synchronous on purpose: writes already run one at a time (the mutation lock), and the emulator
 * shares the machine with the tool it serves, whose speed the benchmark measures. Five promise
 * round trips through libuv's thread pool (mkdir, open, write, close, rename) cost twice the CPU of
 * three system calls. The parent directory is created only when the write finds it missing.
 */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  const tmp = `${file}.${process.pid}.${++tmpCounter}.tmp`;
  const text = JSON.stringify(value, null, 1);
  try {
    writeCreatingParent(tmp, text);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

function writeCreatingParent(file: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

export async function readJsonFile(file: string): Promise<unknown> {
  const text = await fs.promises.readFile(file, "utf8");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`Emulator state file ${file} is not valid JSON (${(err as Error).message}); fix or delete it`, {
      cause: err,
    });
  }
}

/** Entries of a directory, or [] when it does not exist. */
export async function listDir(dir: string): Promise<fs.Dirent[]> {
  try {
    return await fs.promises.readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}

export async function exists(p: string): Promise<boolean> {
  try {
    await fs.promises.access(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * File names for object names. Project keys and dataset/recipe names are already restricted to
 * [A-Za-z0-9_], but connection names are freer, so everything goes through one safe encoding.
 */
export function fileNameFor(name: string): string {
  const encoded = encodeURIComponent(name);
  // "." and ".." survive encodeURIComponent and would escape the directory.
  return encoded.replace(/^\.+$/, (dots) => "%2E".repeat(dots.length));
}

export function nameFromFileName(fileName: string): string {
  return decodeURIComponent(fileName);
}
