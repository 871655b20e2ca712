// Query-string reading with DSS's tolerance: booleans in any case (Python sends True/False, Go and
// TS send true/false) and lists either repeated (tags=a&tags=b) or comma-joined (tags=a,b).
import { invalidQueryParam } from "./errors";

export class Query {
  constructor(private readonly params: URLSearchParams) {}

  string(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.params.get(name);
    if (raw === null || raw === "") return fallback;
    const lower = raw.toLowerCase();
    if (lower === "true" || lower === "1") return true;
    if (lower === "false" || lower === "0") return false;
    throw invalidQueryParam(name, raw, "true or false");
  }

  list(name: string): string[] {
    return this.params
      .getAll(name)
      .flatMap((v) => v.split(","))
      .map((v) => v.trim())
      .filter((v) => v !== "");
  }
}
