// Turns the rows of a touchpoints query into the documented result: totals, the listed channel paths (plus the
// rest summed up), and per channel its persons and the conversions and revenue each attribution model credits it.

import type { TimeRange } from '../date-range.js';
import type { Duration } from '../time-units.js';
import type { TouchpointRow } from './touchpoints-sql.js';

/** The path of persons with no touch in their lookback window. */
export const NO_TOUCHES = '(no touches)';
export const PATH_SEPARATOR = ' > ';

export interface Credit {
  conversions: number;
  revenue: number;
}

export interface TouchPath {
  /** The touches joined with " > ", e.g. `Paid Search > Email > Direct`, or `(no touches)`. */
  path: string;
  touches: string[];
  converting: number;
  nonConverting: number;
  /** converting / (converting + nonConverting). */
  conversionRate: number;
  /** Revenue of the converting persons' first conversion in range. */
  revenue: number;
}

export interface ChannelAttribution {
  channel: string;
  /** Persons whose path includes the channel, converting or not. */
  converting: number;
  nonConverting: number;
  conversionRate: number;
  /** Revenue of the conversions whose path includes the channel. */
  revenue: number;
  firstTouch: Credit;
  lastTouch: Credit;
  /** Each conversion split evenly over the touches of its path (a channel touched twice gets two shares). */
  linear: Credit;
  /** Conversions with the channel somewhere in the path but the last touch. */
  assisted: Credit;
}

export interface TouchpointsResult {
  range: { from: string; to: string };
  conversion: string;
  by: 'channel' | 'source_medium';
  lookback: Duration;
  totals: {
    converting: number;
    nonConverting: number;
    conversionRate: number;
    revenue: number;
    /** Conversions with no touch in the lookback window: no channel gets credit for them. */
    unattributed: Credit;
  };
  /** The top paths, by the spec's sort. */
  paths: TouchPath[];
  /** Every path not listed, summed up. */
  otherPaths: { converting: number; nonConverting: number; revenue: number };
  /** Every channel touched, by linear conversions. */
  channels: ChannelAttribution[];
}

/** Arrays compared element by element, then by length: the order ClickHouse ranks paths by. */
function compareTouches(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

const rate = (converting: number, non: number): number =>
  converting + non === 0 ? 0 : converting / (converting + non);
/** Sums of fractions and of money carry float noise; six decimals keep every real digit. */
const clean = (x: number): number => Math.round(x * 1e6) / 1e6;
const credit = (conversions: number, revenue: number): Credit => ({
  conversions: clean(conversions),
  revenue: clean(revenue),
});

export function touchpointsResult(
  rows: readonly TouchpointRow[],
  spec: {
    conversion: string;
    by: 'channel' | 'source_medium';
    lookback: Duration;
    sort: 'converting' | 'conversion_rate';
  },
  range: TimeRange,
): TouchpointsResult {
  const total = rows.find((r) => r.kind === 'total');
  const paths: TouchPath[] = rows
    .filter((r) => r.kind === 'path')
    .map((r) => ({
      path: r.key.length === 0 ? NO_TOUCHES : r.key.join(PATH_SEPARATOR),
      touches: r.key,
      converting: r.converting,
      nonConverting: r.non_converting,
      conversionRate: rate(r.converting, r.non_converting),
      revenue: clean(r.revenue),
    }))
    .sort(
      (a, b) =>
        (spec.sort === 'conversion_rate' ? b.conversionRate - a.conversionRate : 0) ||
        b.converting - a.converting ||
        b.nonConverting - a.nonConverting ||
        compareTouches(a.touches, b.touches),
    );
  const listed = (pick: (p: TouchPath) => number): number => paths.reduce((sum, p) => sum + pick(p), 0);
  const channels: ChannelAttribution[] = rows
    .filter((r) => r.kind === 'channel')
    .map((r) => ({
      channel: r.key[0] ?? '',
      converting: r.converting,
      nonConverting: r.non_converting,
      conversionRate: rate(r.converting, r.non_converting),
      revenue: clean(r.revenue),
      firstTouch: credit(r.first_conversions, r.first_revenue),
      lastTouch: credit(r.last_conversions, r.last_revenue),
      linear: credit(r.linear_conversions, r.linear_revenue),
      assisted: credit(r.assisted_conversions, r.assisted_revenue),
    }))
    .sort(
      (a, b) =>
        b.linear.conversions - a.linear.conversions ||
        b.converting - a.converting ||
        compareTouches([a.channel], [b.channel]),
    );
  const converting = total?.converting ?? 0;
  const nonConverting = total?.non_converting ?? 0;
  const revenue = total?.revenue ?? 0;
  // Every conversion with a touch has exactly one first touch: the rest had none.
  const credited = (pick: (c: ChannelAttribution) => number): number => channels.reduce((sum, c) => sum + pick(c), 0);
  return {
    range: { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() },
    conversion: spec.conversion,
    by: spec.by,
    lookback: spec.lookback,
    totals: {
      converting,
      nonConverting,
      conversionRate: rate(converting, nonConverting),
      revenue: clean(revenue),
      unattributed: credit(
        converting - credited((c) => c.firstTouch.conversions),
        revenue - credited((c) => c.firstTouch.revenue),
      ),
    },
    paths,
    otherPaths: {
      converting: converting - listed((p) => p.converting),
      nonConverting: nonConverting - listed((p) => p.nonConverting),
      revenue: clean(revenue - listed((p) => p.revenue)),
    },
    channels,
  };
}
