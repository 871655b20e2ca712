// What the loader reports, and how it reads. Every problem points at a file, a line, a column and a
// field path, so a user can fix all of them in one pass instead of one per `pulumi preview`.

export type Severity = "error" | "warning";

export interface ConfigProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Field path in the config, e.g. `datasets[1].type`; `(root)` for the whole file, `(yaml)` for syntax. */
  path: string;
  message: string;
  severity: Severity;
}

/** A position in a source file. */
export interface Loc {
  file: string;
  line: number;
  column: number;
}

/** Thrown by `loadConfig` when the config has at least one error; carries every problem found. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    const errors = problems.filter((p) => p.severity === "error").length;
    super(
      `The Dataiku config has ${errors} error${errors === 1 ? "" : "s"}; nothing was sent to DSS.\n` +
        problems.map(formatProblem).join("\n"),
    );
    this.name = "ConfigError";
    this.problems = problems;
    // Bad input is not a bug: a stack trace would only hide the list above.
    this.stack = `${this.name}: ${this.message}`;
  }
}

export function formatProblem(p: ConfigProblem): string {
  const prefix = p.severity === "warning" ? "warning: " : "";
  return `${p.file}:${p.line}:${p.column} ${p.path}: ${prefix}${p.message}`;
}

/** Collects problems from every pass, drops exact repeats and sorts them by file order and position. */
export class ProblemList {
  private readonly items: ConfigProblem[] = [];
  private readonly seen = new Set<string>();
  private readonly muted = new Set<string>();

  /** Drops later problems at these paths: their value holds an unresolved template, already reported. */
  mute(paths: Iterable<string>): void {
    for (const p of paths) this.muted.add(p);
  }

  add(loc: Loc, path: string, message: string, severity: Severity = "error"): void {
    // Two passes may see the same bad value under two paths (an environment override before and after
    // merging): one report is enough.
    const key = `${loc.file}\0${loc.line}\0${loc.column}\0${severity}\0${message}`;
    if (this.seen.has(key) || this.muted.has(path)) return;
    this.seen.add(key);
    this.items.push({ file: loc.file, line: loc.line, column: loc.column, path: path || "(root)", message, severity });
  }

  get hasErrors(): boolean {
    return this.items.some((p) => p.severity === "error");
  }

  sorted(fileOrder: readonly string[]): ConfigProblem[] {
    const rank = (f: string) => {
      const i = fileOrder.indexOf(f);
      return i < 0 ? fileOrder.length : i;
    };
    return [...this.items].sort(
      (a, b) => rank(a.file) - rank(b.file) || a.line - b.line || a.column - b.column,
    );
  }
}
