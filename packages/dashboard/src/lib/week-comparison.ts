// "This week against last week": the two 7-day periods the Overview compares, the change between two numbers, and
// the biggest changes said in words.

const DAY_MS = 86_400_000;

export interface Period {
  from: string;
  to: string;
}

/**
 * The last 7 whole days before today (UTC, as the analyses bucket days; `to` exclusive) and the 7 days before
 * them. Whole days keep the comparison fair (no half-finished day) and every daily point of a sparkline complete.
 */
export function lastTwoWeeks(now: number): { current: Period; previous: Period } {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const iso = (t: number) => new Date(t).toISOString();
  return {
    current: { from: iso(today - 7 * DAY_MS), to: iso(today) },
    previous: { from: iso(today - 14 * DAY_MS), to: iso(today - 7 * DAY_MS) },
  };
}

/** `(current - previous) / |previous| × 100`, as the trends analysis computes it; null when previous is 0 or unknown. */
export function percentChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return ((current - previous) / Math.abs(previous)) * 100;
}

export interface KpiComparison {
  /** What the number is, in the user's words: `Visitors`. */
  label: string;
  current: number | null;
  previous: number | null;
  /** How the number reads in a sentence: `1,234` or `18.4%`. */
  format: (value: number | null) => string;
  /** A ratio (conversion): its change is said in percentage points rather than percent. */
  ratio?: boolean;
}

export type Trend = 'up' | 'down' | 'flat' | 'new';

/** Whether a number rose, fell or held (within half a percent), or has nothing to compare with. */
export function trendOf(kpi: Pick<KpiComparison, 'current' | 'previous'>): Trend {
  const change = percentChange(kpi.current, kpi.previous);
  if (change === null) return kpi.current !== null && kpi.current !== 0 ? 'new' : 'flat';
  if (Math.abs(change) < 0.5) return 'flat';
  return change > 0 ? 'up' : 'down';
}

/**
 * The biggest changes, largest relative change first, as sentences: "Revenue fell 23.4% (1,234.00 against 1,611.00
 * last week)." Numbers that held within half a percent are left out; at most `limit` sentences.
 */
export function biggestChanges(kpis: KpiComparison[], limit = 3): string[] {
  return kpis
    .map((kpi) => ({ kpi, change: percentChange(kpi.current, kpi.previous), trend: trendOf(kpi) }))
    .filter((c) => c.trend === 'up' || c.trend === 'down')
    .sort((a, b) => Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0))
    .slice(0, limit)
    .map(({ kpi, change, trend }) => {
      const verb = trend === 'up' ? 'rose' : 'fell';
      const amount = kpi.ratio
        ? `${(Math.abs((kpi.current ?? 0) - (kpi.previous ?? 0)) * 100).toFixed(1)} points`
        : `${Math.abs(change ?? 0).toFixed(1)}%`;
      return `${kpi.label} ${verb} ${amount} (${kpi.format(kpi.current)} against ${kpi.format(kpi.previous)} last week).`;
    });
}
