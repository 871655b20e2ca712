// Every object name reaches a URL through here. Each `{placeholder}` of a route template becomes one
// encoded path segment, so a name holding "/", "?", "#", spaces or unicode stays inside its segment.

import { invalidSegmentError } from "./errors";

export type RouteParams = Readonly<Record<string, string>>;

/**
 * Fills `/projects/{projectKey}/datasets/{datasetName}` with encoded values. Empty, "." and ".." are
 * refused: URL parsers (axios uses WHATWG `new URL`) resolve dot segments, even percent-encoded ones,
 * so `datasets/..` would address the project itself.
 */
export function fillRoute(method: string, template: string, params: RouteParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (_match, label: string) => {
    const value: unknown = params[label];
    if (typeof value !== "string" || value === "" || value === "." || value === "..") {
      throw invalidSegmentError(method, template, label, value);
    }
    return encodeURIComponent(value);
  });
}

/** `?a=1&b=true` from the defined entries, in the order given; "" when there are none. */
export function queryString(query: Readonly<Record<string, string | boolean | undefined>> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
