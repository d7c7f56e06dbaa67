// A segment's trend as the list shows it: a sparkline of its recorded members per day, and last week's moves in
// words ("+12 this week: 15 in, 3 out").

import type { SegmentTrend } from '../../api/segments.js';
import { formatCount } from '../../lib/format.js';

/** The points of a sparkline `width` × `height` (SVG units) through `values`, the lowest at the bottom edge. */
export function sparklinePoints(values: readonly number[], width: number, height: number, pad = 2): string {
  if (values.length === 0) return '';
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  // A flat line sits in the middle: neither "all gone" at the bottom nor "full" at the top.
  const y = (v: number) => (span === 0 ? height / 2 : pad + (height - 2 * pad) * (1 - (v - low) / span));
  const x = (i: number) => (values.length > 1 ? pad + i * step : width / 2);
  return values.map((v, i) => `${round(x(i))},${round(y(v))}`).join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;

const signed = (n: number) => (n > 0 ? `+${formatCount(n)}` : n < 0 ? `−${formatCount(-n)}` : '±0');

/** Last week's moves in words, as a headline and its detail: `+12 this week`, `15 in, 3 out`. */
export function weekChangeLines(trend: SegmentTrend): { headline: string; detail: string | null } {
  const { entered, exited, change } = trend.lastWeek;
  if (entered === 0 && exited === 0) return { headline: 'No change this week', detail: null };
  return { headline: `${signed(change)} this week`, detail: `${formatCount(entered)} in, ${formatCount(exited)} out` };
}

/** Last week's moves in a line: `+12 this week (15 in, 3 out)`, or `No change this week`. */
export function weekChangeText(trend: SegmentTrend): string {
  const { headline, detail } = weekChangeLines(trend);
  return detail === null ? headline : `${headline} (${detail})`;
}

/** Whether the week made the segment grow, shrink or stay: for the colour and arrow beside the words. */
export const weekDirection = (trend: SegmentTrend): 'up' | 'down' | 'flat' =>
  trend.lastWeek.change > 0 ? 'up' : trend.lastWeek.change < 0 ? 'down' : 'flat';

/** The sparkline's label for screen readers: where the recorded members started and ended. */
export function trendLabel(trend: SegmentTrend): string {
  const first = trend.daily[0];
  const last = trend.daily[trend.daily.length - 1];
  if (!first || !last) return 'No recorded members yet';
  return `Recorded members from ${formatCount(first.size)} on ${first.day} to ${formatCount(last.size)} on ${last.day}`;
}
