// How secrets cross the Pulumi-free loader. A string built from a secret Pulumi config value
// (`{{ config.dbPassword }}` with `pulumi config set --secret`) is plain text in the args the loader
// returns, so the loader also returns, per resource, the args paths that hold such values. The
// component wraps exactly those with `pulumi.secret` before creating the resource:
//
//   const args = wrapSecrets(loaded.datasets[i], loaded.secrets.datasets[name] ?? [], pulumi.secret);
//
// Pulumi then keeps them encrypted in state and masked in previews, all the way to DSS.

/** A property path inside one resource's args, e.g. `["params", "password"]` or `["variables", "local", "token"]`. */
export type SecretPath = readonly (string | number)[];

export interface SecretPaths {
  project: SecretPath[];
  /** By dataset name; datasets without secrets are absent. */
  datasets: Record<string, SecretPath[]>;
  /** By recipe name; recipes without secrets are absent. */
  recipes: Record<string, SecretPath[]>;
  /** By folder name; folders without secrets are absent. */
  managed_folders: Record<string, SecretPath[]>;
  /** By scenario name; scenarios without secrets are absent. */
  scenarios: Record<string, SecretPath[]>;
}

/** A copy of `args` where the value at each path is replaced by `wrap(value)`; `args` is not changed. */
export function wrapSecrets<T>(args: T, paths: readonly SecretPath[], wrap: (value: unknown) => unknown): T {
  let out: unknown = args;
  for (const path of paths) out = replaceAt(out, path, wrap);
  return out as T;
}

function replaceAt(node: unknown, path: SecretPath, wrap: (value: unknown) => unknown): unknown {
  if (path.length === 0) return wrap(node);
  if (node === null || typeof node !== "object") return node; // path no longer exists: nothing to hide
  const [head, ...rest] = path;
  if (!(head in node)) return node;
  const copy = (Array.isArray(node) ? [...node] : { ...node }) as Record<string | number, unknown>;
  copy[head] = replaceAt(copy[head], rest, wrap);
  return copy;
}
