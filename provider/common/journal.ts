// The local create journal: an append-only, fsync'ed file per stack and DSS instance that records
// each create's intent before its request is sent, and its outcome after.
//
// The ownership tag (ownership.ts) is the record that survives anywhere, but one create cannot carry
// it: a managed dataset gets its tag in the write that follows the POST. If the run dies between the
// two, the object exists untagged; the journal, read by the next run on the same machine, shows that
// this stack's create of it was in flight, so the object is ours to take over. Work per step is O(1):
// one line, written with the lines of concurrent creates in one fsync (group commit).
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DataikuError } from "./errors";

/** What happened to a create: sent and not yet answered, finished, or known to have created nothing. */
export type JournalRecord = "intent" | "created" | "absent";

interface Line {
  id: string;
  t: JournalRecord;
  run: string;
}

/** This process: records of an earlier process that end in "intent" are creates cut off mid-flight. */
const RUN = `${process.pid}-${Date.now()}`;
/** Compact the file when it holds this many more lines than creates still in flight. */
const COMPACT_AFTER = 2000;

export class CreateJournal {
  private last: Map<string, Line> | undefined;
  private fd: number | undefined;
  private pending: Array<{ line: string; done: (e?: Error) => void }> = [];
  private flushing = false;

  /** `run` names this process in the file; only tests pass another, to play a later process. */
  constructor(
    readonly file: string,
    private readonly run: string = RUN,
  ) {}

  /** Whether an earlier process of this stack died while a create of `id` was in flight. */
  wasInFlight(id: string): boolean {
    const line = this.load().get(id);
    return line !== undefined && line.t === "intent" && line.run !== this.run;
  }

  /** Durably records `record` for `id`; resolves once the line is on disk. */
  async record(id: string, record: JournalRecord): Promise<void> {
    const line: Line = { id, t: record, run: this.run };
    this.load().set(id, line);
    return new Promise((resolve, reject) => {
      this.pending.push({ line: `${JSON.stringify(line)}\n`, done: (e) => (e ? reject(e) : resolve()) });
      void this.flush();
    });
  }

  /** One write and one fsync for every line queued meanwhile. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0);
        try {
          const fd = this.open();
          await write(fd, batch.map((b) => b.line).join(""));
          await fsync(fd);
          for (const b of batch) b.done();
        } catch (e) {
          for (const b of batch) b.done(journalError(this.file, e));
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private open(): number {
    if (this.fd === undefined) {
      fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      this.fd = fs.openSync(this.file, "a", 0o600);
    }
    return this.fd;
  }

  /** The last record per id, read once per process; a long file is compacted to what still matters. */
  private load(): Map<string, Line> {
    if (this.last) return this.last;
    const last = new Map<string, Line>();
    let count = 0;
    let text = "";
    try {
      text = fs.readFileSync(this.file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw journalError(this.file, e);
    }
    for (const raw of text.split("\n")) {
      if (!raw) continue;
      count++;
      try {
        const line = JSON.parse(raw) as Line;
        if (typeof line.id === "string" && typeof line.t === "string") last.set(line.id, line);
      } catch {
        // A torn last line from a killed process: its fsync never returned, so its create never ran.
      }
    }
    this.last = last;
    const inFlight = [...last.values()].filter((l) => l.t === "intent");
    if (count > inFlight.length + COMPACT_AFTER) this.compact(inFlight);
    return last;
  }

  private compact(keep: Line[]): void {
    const tmp = `${this.file}.${this.run}.tmp`;
    fs.writeFileSync(tmp, keep.map((l) => `${JSON.stringify(l)}\n`).join(""), { mode: 0o600 });
    const fd = fs.openSync(tmp, "r");
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, this.file);
  }
}

/**
 * The journal of one stack against one DSS instance, under `dir` (default: `$PULUMI_HOME/dataiku-journal`,
 * i.e. `~/.pulumi/dataiku-journal`). The URL is hashed so no host name or credential is in the path.
 */
export function journalFile(dir: string | undefined, stack: string, dssUrl: string): string {
  const base = dir ?? path.join(process.env.PULUMI_HOME || path.join(os.homedir(), ".pulumi"), "dataiku-journal");
  const dss = crypto.createHash("sha256").update(dssUrl).digest("hex").slice(0, 12);
  return path.join(base, `${stack.replace(/[^A-Za-z0-9_.-]/g, "_")}@${dss}.jsonl`);
}

function write(fd: number, text: string): Promise<void> {
  return new Promise((resolve, reject) => fs.write(fd, text, null, "utf8", (e) => (e ? reject(e) : resolve())));
}

function fsync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.fsync(fd, (e) => (e ? reject(e) : resolve())));
}

function journalError(file: string, cause: unknown): Error {
  const reason = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
  return new DataikuError(
    `Could not write the create journal ${file} (${reason}): make its directory writable, or set ` +
      "dataiku:journalDir (DATAIKU_JOURNAL_DIR) to a writable directory.",
  );
}
