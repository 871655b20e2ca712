// Value helpers shared by the mappers and diffs: what counts as "the same" for DSS fields.

/** Removes `undefined` anywhere (protobuf Struct rejects it) and `__provider`. */
export function clean<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => clean(v)) as unknown as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined || k === "__provider") continue;
      out[k] = clean(v);
    }
    return out as T;
  }
  return value;
}

/** DSS stores tags as a set and returns them sorted; compare and store them the same way. */
export function normalizeTags(tags: readonly string[] | undefined): string[] | undefined {
  return tags === undefined ? undefined : [...new Set(tags)].sort();
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

