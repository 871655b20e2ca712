// `{{ env.NAME }}`, `{{ config.NAME }}` and `{{ stack }}` in string values, whole or embedded.
// An unset variable is an error, never an empty string: an empty connection or key suffix would
// deploy something nobody asked for. Values built from a secret config value are marked `secret`.

import { Loc, ProblemList } from "./problems";
import { formatPath, PathSegment, YNode } from "./tree";

export type ConfigLookup = (name: string) => { value: string; secret: boolean } | undefined;

export interface TemplateContext {
  env: NodeJS.ProcessEnv;
  config: ConfigLookup;
  stack: string;
  problems: ProblemList;
}

const TEMPLATE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const USAGE = "use {{ env.NAME }}, {{ config.NAME }} or {{ stack }}";

/** A copy of `node` with templates resolved; `path` is the node's path, for problem reports. */
export function resolveTemplates(node: YNode, path: PathSegment[], ctx: TemplateContext): YNode {
  if (node.kind === "map") {
    return { ...node, entries: node.entries.map((e) => ({ ...e, value: resolveTemplates(e.value, [...path, e.key], ctx) })) };
  }
  if (node.kind === "seq") return { ...node, items: node.items.map((item, i) => resolveTemplates(item, [...path, i], ctx)) };
  if (typeof node.value !== "string" || !node.value.includes("{{")) return node;

  // Recipe code often holds `{{ ... }}` of its own (Python f-strings, Jinja, SQL templating): there,
  // only our three forms are replaced and anything else is left as written.
  const inCode = path.length >= 3 && path[path.length - 1] === "code" && path[path.length - 3] === "recipes";
  let secret = node.secret ?? false;
  let unresolved = false;
  const problem = (match: string, message: string) => {
    unresolved = true;
    const loc: Loc = node.locate?.(match) ?? node.loc;
    ctx.problems.add(loc, formatPath(path), message);
  };
  const value = node.value.replace(TEMPLATE, (match: string, expr: string) => {
    if (expr === "stack") return ctx.stack;
    const env = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expr);
    if (env) {
      const v = ctx.env[env[1]];
      if (v === undefined) problem(match, `environment variable ${env[1]} is not set (used by ${match}); set it before running pulumi`);
      return v ?? match;
    }
    const config = /^config\.([A-Za-z0-9_][A-Za-z0-9_.:-]*)$/.exec(expr);
    if (config) {
      const v = ctx.config(config[1]);
      if (v === undefined) {
        problem(match, `Pulumi config ${config[1]} is not set for stack "${ctx.stack}" (used by ${match}); run \`pulumi config set ${config[1]} <value>\` (add --secret for secrets)`);
        return match;
      }
      secret ||= v.secret;
      return v.value;
    }
    if (!inCode) problem(match, `unknown template ${match}; ${USAGE}`);
    return match;
  });
  return { ...node, value, secret, unresolved };
}
