// During preview, inputs that depend on resources not yet created reach check/diff as this sentinel,
// whatever their declared type (pulumi/pulumi sdk/nodejs/runtime/rpc.ts `unknownValue`).
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(isUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(isUnknown);
  return false;
}
