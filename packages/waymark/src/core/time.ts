// Time values as they arrive (ISO-8601 strings or epoch milliseconds) and as the warehouse wants them.

/** A date-time without a zone; Date.parse would read it in the server's local zone, so it is taken as UTC. */
const ZONELESS = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
/** 1973-03-03T09:46:40Z: epoch seconds stay below this until the year 5138. */
const EARLIEST_EPOCH_MS = 100_000_000_000;

/** Parses an ISO-8601 string or epoch milliseconds; undefined when it is not a valid time. */
export function parseTime(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms =
    typeof value === 'number' ? value : Date.parse(ZONELESS.test(value) ? `${value.replace(' ', 'T')}Z` : value);
  if (!Number.isFinite(ms)) return undefined;
  // Year 1900 to 2299 covers DateTime64's range; anything else is a unit mistake (seconds, microseconds).
  if (ms < -2208988800000 || ms > 10413792000000) return undefined;
  // Epoch seconds of any recent date read as milliseconds fall before 1973: numbers that small are a unit mistake.
  if (typeof value === 'number' && ms < EARLIEST_EPOCH_MS) return undefined;
  return Math.trunc(ms);
}

/** Formats epoch ms as ClickHouse DateTime64(3) text in UTC: `2026-11-23 09:15:02.123`. */
export function toWarehouseTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** Parses ClickHouse DateTime64(3) text in UTC back to epoch ms. */
export function fromWarehouseTime(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
