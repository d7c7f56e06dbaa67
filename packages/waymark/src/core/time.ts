// Time values as they arrive (ISO-8601 strings or epoch milliseconds) and as the warehouse wants them.

/** Parses an ISO-8601 string or epoch milliseconds; undefined when it is not a valid time. */
export function parseTime(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) return undefined;
  // Year 1900 to 2299 covers DateTime64's range; anything else is a unit mistake (seconds, microseconds).
  if (ms < -2208988800000 || ms > 10413792000000) return undefined;
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
