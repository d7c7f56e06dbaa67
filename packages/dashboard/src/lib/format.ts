// How numbers read in the dashboard: grouped thousands, short percentages, signed changes, human durations.
// English number formatting everywhere, so screenshots and tests do not depend on the browser's locale.

const LOCALE = 'en-US';
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 });

/** 12345 → `12,345`; null → `–`. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : integer.format(value);
}

/** Amounts of money (the currency is the events' own, so no symbol): 1234.5 → `1,234.50`; large ones compact. */
export function formatAmount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return Math.abs(value) >= 1_000_000 ? compact.format(value) : decimal.format(value);
}

/** A ratio as a percentage: 0.1836 → `18.4%`. Small non-zero ratios keep two digits (0.00123 → `0.12%`). */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  const pct = ratio * 100;
  const d = pct !== 0 && Math.abs(pct) < 1 ? Math.max(digits, 2) : digits;
  return `${pct.toFixed(d)}%`;
}

/** A percent change (already ×100): 12.34 → `+12.3%`, -4 → `−4.0%`, null → `new` (nothing to compare with). */
export function formatChange(change: number | null): string {
  if (change === null || !Number.isFinite(change)) return 'new';
  if (Math.abs(change) < 0.05) return '0.0%';
  return `${change > 0 ? '+' : '−'}${Math.abs(change).toFixed(1)}%`;
}

/** A duration in milliseconds, in the largest unit that keeps it readable: `42 s`, `6.2 min`, `3.1 h`, `2.4 d`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const s = ms / 1000;
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${(s / 60).toFixed(1)} min`;
  if (s < 86_400) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86_400).toFixed(1)} d`;
}

/** An ISO day: `2026-11-23T00:00:00.000Z` → `Mon, Nov 23` (UTC, as the analyses bucket days). */
export function formatDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(LOCALE, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** The change of a ratio in percentage points: 0.06 against 0.05 → `+1.0 pts`; null when either is unknown. */
export function formatPointChange(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return 'new';
  const points = (current - previous) * 100;
  if (Math.abs(points) < 0.05) return '0.0 pts';
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pts`;
}
