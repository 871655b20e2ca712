// Cron expressions <-> DSS's time-based ("temporal") trigger params. DSS's trigger has no cron field:
// it runs minutely, hourly, daily or weekly (PY-scenario add_*_trigger), so only the cron forms that
// say one of these are accepted, and each maps to exactly one set of params and back.

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const DAY_ABBREV = DAYS.map((d) => d.slice(0, 3).toUpperCase());

/** The temporal params a cron expression sets (the fields DSS's trigger holds for that frequency). */
export type TemporalParams = Record<string, unknown> & { frequency: string };

export const CRON_FORMS =
  '"*/15 * * * *" (every 15 minutes), "30 * * * *" (hourly at :30), "0 */6 * * *" (every 6 hours), ' +
  '"0 2 * * *" (daily at 02:00), "0 2 * * 1-5" or "0 2 * * MON,THU" (weekly on those days)';

/** Parsed cron, or the reason it cannot be a DSS trigger. */
export function parseCron(text: string): { params: TemporalParams; canonical: string } | { error: string } {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 5) {
    return { error: `"${text}" is not a cron expression: it needs 5 fields (minute hour day-of-month month day-of-week), for example "0 2 * * *"` };
  }
  const [min, hour, dom, month, dow] = fields;
  if (dom !== "*" || month !== "*") return unsupported(text, "day-of-month and month must be *");
  const every = (f: string, max: number) => {
    const m = /^\*\/(\d+)$/.exec(f);
    return m && Number(m[1]) >= 1 && Number(m[1]) <= max ? Number(m[1]) : undefined;
  };
  if (hour === "*" && dow === "*") {
    if (min === "*") return ok({ frequency: "Minutely", repeatFrequency: 1 });
    const n = every(min, 59);
    if (n !== undefined) return ok({ frequency: "Minutely", repeatFrequency: n });
  }
  const minute = number(min, 0, 59);
  if (minute === undefined) return invalid(text, `minute "${min}" must be a number from 0 to 59`);
  if (hour === "*" && dow === "*") return ok({ frequency: "Hourly", hour: 0, minute, repeatFrequency: 1 });
  const hours = every(hour, 23);
  if (hours !== undefined && dow === "*") return ok({ frequency: "Hourly", hour: 0, minute, repeatFrequency: hours });
  const h = number(hour, 0, 23);
  if (h === undefined) return invalid(text, `hour "${hour}" must be a number from 0 to 23 or */N`);
  if (dow === "*") return ok({ frequency: "Daily", hour: h, minute, repeatFrequency: 1 });
  const days = daysOf(dow);
  if (typeof days === "string") return invalid(text, days);
  return ok({ frequency: "Weekly", hour: h, minute, repeatFrequency: 1, daysOfWeek: days });
}

/** The cron expression of DSS temporal params, in canonical form; undefined when cron cannot say it. */
export function cronOf(params: Record<string, unknown>): string | undefined {
  const n = (v: unknown) => (typeof v === "number" && Number.isInteger(v) ? v : undefined);
  const repeat = n(params.repeatFrequency) ?? 1;
  const minute = n(params.minute) ?? 0;
  const hour = n(params.hour) ?? 0;
  switch (params.frequency) {
    case "Minutely":
      return repeat === 1 ? "* * * * *" : `*/${repeat} * * * *`;
    case "Hourly":
      return repeat === 1 ? `${minute} * * * *` : `${minute} */${repeat} * * *`;
    case "Daily":
      return repeat === 1 ? `${minute} ${hour} * * *` : undefined;
    case "Weekly": {
      const days = Array.isArray(params.daysOfWeek) ? params.daysOfWeek.map((d) => DAYS.indexOf(String(d))) : [];
      if (repeat !== 1 || days.length === 0 || days.includes(-1)) return undefined;
      return `${minute} ${hour} * * ${[...new Set(days)].sort((a, b) => a - b).join(",")}`;
    }
    default:
      return undefined;
  }
}

/** The canonical spelling of a valid cron expression (what a read-back yields), else the text. */
export function canonicalCron(text: string): string {
  const parsed = parseCron(text);
  return "canonical" in parsed ? parsed.canonical : text;
}

function ok(params: TemporalParams) {
  return { params, canonical: cronOf(params) as string };
}

function invalid(text: string, why: string) {
  return { error: `"${text}" is not a valid cron expression: ${why}` };
}

function unsupported(text: string, why: string) {
  return { error: `"${text}" cannot be a DSS time-based trigger (${why}); DSS runs scenarios minutely, hourly, daily or weekly: use a form such as ${CRON_FORMS}` };
}

function number(field: string, min: number, max: number): number | undefined {
  if (!/^\d{1,2}$/.test(field)) return undefined;
  const v = Number(field);
  return v >= min && v <= max ? v : undefined;
}

/** `1-5`, `MON,THU`, `0,6`, `7` (= Sunday) → day names; an error text otherwise. */
function daysOf(field: string): string[] | string {
  const out = new Set<number>();
  for (const part of field.split(",")) {
    const range = part.split("-");
    if (range.length > 2) return `day-of-week "${part}" is not a day or a range`;
    const ends = range.map(dayNumber);
    if (ends.some((e) => e === undefined)) return `day-of-week "${part}" must be 0-7 or MON..SUN, a range (1-5) or a list (MON,THU)`;
    const [from, to = from] = ends as number[];
    if (to < from) return `day-of-week range "${part}" goes backwards`;
    for (let d = from; d <= to; d++) out.add(d % 7);
  }
  return [...out].sort((a, b) => a - b).map((d) => DAYS[d]);
}

function dayNumber(text: string): number | undefined {
  if (/^[0-7]$/.test(text)) return Number(text);
  const i = DAY_ABBREV.indexOf(text.toUpperCase());
  return i < 0 ? undefined : i;
}
