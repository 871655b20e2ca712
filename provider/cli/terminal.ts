// The process's terminal, behind a small interface so commands never touch process.* directly.
import * as readline from "readline";

export interface Terminal {
  /** One line on stdout. */
  out(line: string): void;
  /** One line on stderr. */
  err(line: string): void;
  /** Whether a person can answer a question (stdin and stdout are terminals). */
  interactive: boolean;
  /** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
  color: boolean;
  ask(question: string): Promise<string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  now(): number;
}

export function processTerminal(): Terminal {
  const env = process.env;
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    color: Boolean(process.stdout.isTTY) && !env.NO_COLOR,
    ask: (question) =>
      new Promise((resolve) => {
        const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
        rl.question(question, (answer) => {
          rl.close();
          resolve(answer);
        });
      }),
    env,
    cwd: process.cwd(),
    now: () => Date.now(),
  };
}

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, bold: 1, dim: 2 } as const;
export type Style = keyof typeof CODES;

export function paint(enabled: boolean): (style: Style, text: string) => string {
  return (style, text) => (enabled ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
}
