// The statistics and the words of the weekly report: is a week-on-week change real, and how to say it. Pure.
// Proportions use the two-proportion z-test, means Welch's t-test, counts the conditional test of two Poisson counts
// (equal exposure: one week each). P-values of the headline numbers are adjusted together (Benjamini-Hochberg), so a
// report with a dozen numbers does not call out noise.

import { compareArms } from '../stats/compare.js';
import { benjaminiHochberg } from '../stats/multiple-testing.js';
import { twoSidedP } from '../stats/normal.js';
import { twoProportionTest } from '../stats/proportions.js';

export const ALPHA = 0.05;

export type KpiUnit = 'count' | 'money' | 'ratio';
export type TestMethod = 'two-proportion' | 'welch' | 'poisson';

/** What a test needs of one week. */
export type Sample =
  | { kind: 'count'; value: number }
  | { kind: 'proportion'; successes: number; trials: number }
  | { kind: 'mean'; n: number; sum: number; sumSquares: number };

export interface ChangeTest {
  method: TestMethod;
  p: number;
}

/** Tests `current` against `previous`; null when there is nothing to test (an empty week). */
export function testChange(current: Sample, previous: Sample): ChangeTest | null {
  if (current.kind === 'count' && previous.kind === 'count') {
    const total = current.value + previous.value;
    if (total === 0) return null;
    return { method: 'poisson', p: twoSidedP((current.value - previous.value) / Math.sqrt(total)) };
  }
  if (current.kind === 'proportion' && previous.kind === 'proportion') {
    if (current.trials === 0 || previous.trials === 0) return null;
    const t = twoProportionTest(current.successes, current.trials, previous.successes, previous.trials);
    return { method: 'two-proportion', p: t.p };
  }
  if (current.kind === 'mean' && previous.kind === 'mean') {
    if (current.n < 2 || previous.n < 2) return null;
    const c = compareArms(
      { type: 'mean', n: previous.n, sum: previous.sum, sumSquares: previous.sumSquares },
      { type: 'mean', n: current.n, sum: current.sum, sumSquares: current.sumSquares },
      { difference: 'absolute' },
    );
    return c.pValue === undefined ? null : { method: 'welch', p: c.pValue };
  }
  throw new Error(`cannot compare a ${current.kind} with a ${previous.kind}`);
}

/** Adjusts the p-values of `tests` together; untested entries stay null. */
export function adjustTogether(tests: (ChangeTest | null)[]): (ChangeTest | null)[] {
  const present = tests.flatMap((t, i) => (t ? [i] : []));
  const adjusted = benjaminiHochberg(present.map((i) => tests[i]!.p));
  const out = [...tests];
  present.forEach((i, k) => (out[i] = { ...tests[i]!, p: adjusted[k]! }));
  return out;
}

/** a / b, or null when b is 0 (no one to take a share of). */
export const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** The mean of the values present; null when none is. */
export function mean(xs: readonly (number | null)[]): number | null {
  const present = xs.filter((x): x is number => x !== null);
  return present.length === 0 ? null : present.reduce((s, x) => s + x, 0) / present.length;
}

export function formatCount(n: number | null): string {
  return n === null ? '–' : Math.round(n).toLocaleString('en-US');
}

export function formatMoney(n: number | null, currency: string | null): string {
  if (n === null) return '–';
  const amount = n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return currency ? `${amount} ${currency}` : amount;
}

export function formatRatio(x: number | null, digits = 1): string {
  return x === null ? '–' : `${(x * 100).toFixed(digits)}%`;
}

export function formatValue(x: number | null, unit: KpiUnit, currency: string | null): string {
  return unit === 'ratio' ? formatRatio(x) : unit === 'money' ? formatMoney(x, currency) : formatCount(x);
}

/** "p = 0.003", "p < 0.001". */
export function formatPValue(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

/** Relative change in percent; null when the previous value is 0 or missing. */
export function percentChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return ((current - previous) / Math.abs(previous)) * 100;
}

/** "+12.3%", "-4.0%", "new" (from nothing), "±0%". */
export function formatChange(current: number | null, previous: number | null, unit: KpiUnit): string {
  if (current === null || previous === null) return '–';
  if (unit === 'ratio') {
    const points = (current - previous) * 100;
    return `${points > 0 ? '+' : ''}${points.toFixed(1)} pts`;
  }
  const change = percentChange(current, previous);
  if (change === null) return current === 0 ? '±0%' : 'new';
  return `${change > 0 ? '+' : ''}${change.toFixed(1)}%`;
}

/**
 * The sentence for a change: "Checkout conversion fell from 41.2% to 36.8%, p = 0.003." — the label is used as
 * written, the numbers in the KPI's unit.
 */
export function changeSentence(
  label: string,
  current: number,
  previous: number,
  unit: KpiUnit,
  p: number,
  currency: string | null,
): string {
  const verb = current > previous ? 'rose' : current < previous ? 'fell' : 'held';
  const f = (x: number) => formatValue(x, unit, currency);
  return `${label} ${verb} from ${f(previous)} to ${f(current)}, ${formatPValue(p)}.`;
}
