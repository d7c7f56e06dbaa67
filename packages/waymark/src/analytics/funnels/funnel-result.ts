// Aggregates matched persons into the funnel's result: per step counts, conversion, drop-off split into dropped and
// still in progress, time from the previous step, and the time-to-convert histogram.

import type { PersonFunnel } from './funnel-match.js';

export interface FunnelStepResult {
  index: number;
  name: string;
  event: string;
  /** Persons who reached this step. */
  count: number;
  conversionFromStart: number;
  conversionFromPrevious: number;
  /** Persons who reached the previous step but not this one: `dropped` + `inProgress`. */
  dropOff: number;
  /** Of the drop-off, those whose window has closed. */
  dropped: number;
  /** Of the drop-off, those whose window is still open: they may yet reach this step. */
  inProgress: number;
  /** Conversion from the previous step among persons whose outcome is settled (in-progress persons left out). */
  conversionFromPreviousSettled: number;
  medianMsFromPrevious: number | null;
  averageMsFromPrevious: number | null;
}

export interface HistogramBin {
  fromMs: number;
  toMs: number;
  persons: number;
}

export interface StepAggregate {
  steps: FunnelStepResult[];
}

export interface StepInfo {
  name: string;
  event: string;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Per-step figures for a group of persons (all of them, or one breakdown value). */
export function aggregateSteps(persons: readonly PersonFunnel[], steps: readonly StepInfo[]): FunnelStepResult[] {
  const n = steps.length;
  const counts = new Array<number>(n).fill(0);
  const open = new Array<number>(n).fill(0);
  const gaps: number[][] = steps.map(() => []);
  for (const p of persons) {
    for (let k = 0; k < p.reached; k++) {
      counts[k] = (counts[k] as number) + 1;
      if (k > 0) (gaps[k] as number[]).push((p.times[k] as number) - (p.times[k - 1] as number));
    }
    if (p.open && p.reached < n) open[p.reached] = (open[p.reached] as number) + 1;
  }
  return steps.map((s, k) => {
    const count = counts[k] as number;
    const previous = k === 0 ? count : (counts[k - 1] as number);
    const dropOff = previous - count;
    const inProgress = k === 0 ? 0 : (open[k] as number);
    const g = (gaps[k] as number[]).sort((a, b) => a - b);
    return {
      index: k,
      name: s.name,
      event: s.event,
      count,
      conversionFromStart: ratio(count, counts[0] as number),
      conversionFromPrevious: ratio(count, previous),
      dropOff,
      dropped: dropOff - inProgress,
      inProgress,
      conversionFromPreviousSettled: ratio(count, previous - inProgress),
      medianMsFromPrevious: k === 0 ? null : median(g),
      averageMsFromPrevious: k === 0 || g.length === 0 ? null : g.reduce((a, b) => a + b, 0) / g.length,
    };
  });
}

/** Durations rounded up to a readable bin width: 1, 2, 5 times a power of ten seconds, or whole minutes/hours/days. */
const NICE_WIDTHS_MS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 259200, 604800,
].map((s) => s * 1000);

/** Histogram of times between two steps, for persons who reached `toStep`, in at most `bins` equal-width bins. */
export function timeToConvert(
  persons: readonly PersonFunnel[],
  fromStep: number,
  toStep: number,
  bins: number,
): HistogramBin[] {
  const durations = persons
    .filter((p) => p.reached > toStep)
    .map((p) => (p.times[toStep] as number) - (p.times[fromStep] as number));
  if (durations.length === 0) return [];
  // Not Math.max(...durations): spreading a million arguments overflows the stack.
  let max = 0;
  for (const d of durations) if (d > max) max = d;
  const raw = Math.max(1, Math.ceil((max + 1) / bins));
  const width = NICE_WIDTHS_MS.find((w) => w >= raw) ?? Math.ceil(raw / 604_800_000) * 604_800_000;
  const count = Math.max(1, Math.ceil((max + 1) / width));
  const out: HistogramBin[] = Array.from({ length: count }, (_, i) => ({
    fromMs: i * width,
    toMs: (i + 1) * width,
    persons: 0,
  }));
  for (const d of durations) (out[Math.floor(d / width)] as HistogramBin).persons += 1;
  return out;
}

export interface Bottleneck {
  /** The step persons fail to reach, with the largest absolute drop-off. */
  largestDropOff: { step: number; name: string; persons: number; rate: number } | null;
  /** The step with the largest share of the previous step's persons lost. */
  largestRelativeDropOff: { step: number; name: string; persons: number; rate: number } | null;
}

export function bottleneck(steps: readonly FunnelStepResult[]): Bottleneck {
  let abs: Bottleneck['largestDropOff'] = null;
  let rel: Bottleneck['largestRelativeDropOff'] = null;
  for (const s of steps.slice(1)) {
    const rate = 1 - s.conversionFromPrevious;
    const entry = { step: s.index, name: s.name, persons: s.dropOff, rate };
    if (s.dropOff > 0 && (abs === null || s.dropOff > abs.persons)) abs = entry;
    if (s.dropOff > 0 && (rel === null || rate > rel.rate)) rel = entry;
  }
  return { largestDropOff: abs, largestRelativeDropOff: rel };
}
