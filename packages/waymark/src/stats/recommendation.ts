// The decision in plain words: ship, keep running, or stop, always with the reason and the numbers behind it.
// Order matters: a sample-ratio mismatch voids everything; a fixed-horizon test is read only at its planned size;
// a guardrail that got significantly worse blocks shipping. Pure.

import type { Method } from './compare.js';
import type { DifferenceType } from './effect.js';
import type { MetricResult, VariantResult } from './experiment.js';
import type { SampleSize } from './sample-size.js';
import type { SrmResult } from './srm.js';

export type Action = 'ship' | 'keep running' | 'stop';

export interface Recommendation {
  action: Action;
  /** The variant to ship, when the action is `ship`. */
  variant?: string;
  reason: string;
}

export interface RecommendationInput {
  srm: SrmResult & { arms: string[] };
  metrics: MetricResult[];
  /** The metric that decides (the first goal metric). */
  primary: MetricResult;
  method: Method;
  alpha: number;
  difference: DifferenceType;
  /** Persons in the experiment so far. */
  persons: number;
  required?: SampleSize;
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const percent = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)}%`;
const signed = (text: string, x: number): string => (x >= 0 ? `+${text}` : text);

/** A lift as people read it: "+4.1%" relative, "+0.0231" absolute. */
export function formatLift(x: number, difference: DifferenceType): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  return difference === 'relative' ? signed(percent(x), x) : signed(Number(x.toPrecision(3)).toString(), x);
}

export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** "+4.1% (95% CI +1.2% to +7.0%), p = 0.006" or, Bayesian, "... chance to beat control 97.2%". */
export function describeResult(v: VariantResult, difference: DifferenceType, alpha: number, method: Method): string {
  const lift = v[difference];
  if (lift === undefined) return v.warning ?? 'no result';
  const [lo, hi] = lift.interval;
  const label = method === 'bayesian' ? 'credible interval' : 'CI';
  const interval = `${percent(1 - alpha, 0)} ${label} ${formatLift(lo, difference)} to ${formatLift(hi, difference)}`;
  const evidence =
    v.chanceToWin !== undefined
      ? `chance to beat control ${percent(v.chanceToWin)}`
      : formatP(v.adjustedPValue ?? v.pValue ?? 1);
  return `${formatLift(lift.estimate, difference)} (${interval}), ${evidence}`;
}

export function recommend(input: RecommendationInput): Recommendation {
  const { srm, primary, method, alpha, difference } = input;
  if (srm.mismatch) {
    const observed = srm.users.map(count).join(' / ');
    const planned = srm.weights.map((w) => percent(w, 0)).join(' / ');
    return {
      action: 'stop',
      reason:
        `SRM detected: ${observed} persons in ${srm.arms.join(' / ')} against a planned ${planned} split ` +
        `(${formatP(srm.pValue)}). Fix the assignment before reading results.`,
    };
  }
  const needed = input.required?.total;
  const enough = needed === undefined || input.persons >= needed;
  const notEnough =
    needed === undefined
      ? ''
      : `not enough data: ${count(input.persons)} of the ${count(needed)} persons the sample-size calculation needs`;
  // A fixed-horizon test is only valid at its planned size: do not act on it earlier.
  if (method === 'frequentist' && !enough) return { action: 'keep running', reason: `${capitalize(notEnough)}.` };

  const describe = (v: VariantResult): string => describeResult(v, difference, alpha, method);
  const guardrails = input.metrics.filter((m) => m.role === 'guardrail');
  const harms = (arm: string): string[] =>
    guardrails.flatMap((m) => {
      const v = m.variants.find((x) => x.arm === arm);
      return v?.verdict === 'worse' ? [`${m.name}: ${describe(v)}`] : [];
    });
  const guardrailNote = guardrails.length === 0 ? '' : '; guardrails are fine';
  const winners = primary.variants.filter((v) => v.verdict === 'better');
  const clean = winners.filter((v) => harms(v.arm).length === 0);
  if (clean.length > 0) {
    const best = clean.reduce((a, b) =>
      (b[difference]?.estimate ?? 0) * (primary.inverse ? -1 : 1) >
      (a[difference]?.estimate ?? 0) * (primary.inverse ? -1 : 1)
        ? b
        : a,
    );
    return {
      action: 'ship',
      variant: best.arm,
      reason: `${best.arm} beats control on ${primary.name}: ${describe(best)}${guardrailNote}.`,
    };
  }
  if (winners.length > 0) {
    const v = winners[0]!;
    return {
      action: 'stop',
      reason: `${v.arm} beats control on ${primary.name} (${describe(v)}) but is significantly worse on guardrail ${harms(v.arm).join('; ')}. Do not ship.`,
    };
  }
  if (primary.variants.length > 0 && primary.variants.every((v) => v.verdict === 'worse')) {
    const v = primary.variants[0]!;
    return { action: 'stop', reason: `Harmful: ${v.arm} is worse than control on ${primary.name}: ${describe(v)}.` };
  }
  const summary = primary.variants.map((v) => `${v.arm} ${describe(v)}`).join('; ');
  if (needed !== undefined && enough) {
    return {
      action: 'stop',
      reason: `No effect: ${count(input.persons)} persons reached the planned ${count(needed)}, and no variant differs from control on ${primary.name} (${summary}).`,
    };
  }
  const tail = needed === undefined ? 'Keep collecting data.' : `${capitalize(notEnough)}.`;
  return { action: 'keep running', reason: `No clear difference yet on ${primary.name} (${summary}). ${tail}` };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
