// The sample-size calculator: its fields in the units people think in (percentages), the defaults an experiment
// suggests (its control's conversion rate, its arms, its traffic so far), and the request to POST /api/stats/sample-size.

import type { Experiment, ExperimentReport, SampleSizeAnswer, SampleSizeInput } from '../../api/experiments.js';
import { formatCount } from '../../lib/format.js';
import { exposureRate } from './experiment-model.js';

export interface CalculatorChoices {
  /** The control's conversion rate, in percent (0 to 100, exclusive). */
  baselinePct: number;
  /** The smallest relative change worth detecting, in percent. */
  mdePct: number;
  /** Significance level, in percent. */
  alphaPct: number;
  /** Power, in percent. */
  powerPct: number;
  arms: number;
  /** Persons entering per day, all arms together; NaN when unknown. */
  dailyPersons: number;
}

const roundTo = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Defaults from an experiment: the primary metric's control rate (when it is a conversion rate), its planned
 * MDE (else 10%), its alpha (else 5%), its arms, and the persons it exposed per day so far.
 */
export function calculatorDefaults(
  experiment: Experiment | undefined,
  report: ExperimentReport | undefined,
  now: number,
): CalculatorChoices & { baselineFrom: string | null } {
  const primary = report?.analysis?.metrics[0];
  const rate = primary?.type === 'proportion' ? primary.control.mean : undefined;
  const usable = primary !== undefined && rate !== undefined && rate > 0 && rate < 1;
  const perDay = report ? exposureRate(report.exposures, report.start, report.stop, now).perDay : null;
  return {
    baselinePct: usable ? roundTo(rate * 100, 2) : 5,
    baselineFrom: usable ? `${primary.name} in ${primary.control.arm}` : null,
    mdePct: roundTo((experiment?.analysis?.minimumDetectableEffect ?? 0.1) * 100, 2),
    alphaPct: roundTo((experiment?.analysis?.alpha ?? 0.05) * 100, 2),
    powerPct: 80,
    arms: Math.max(2, experiment?.variants.length ?? 2),
    dailyPersons: perDay === null ? Number.NaN : Math.max(1, Math.round(perDay)),
  };
}

/** What is wrong with the fields, in the user's words, or null when they can be sent. */
export function calculatorProblem(c: CalculatorChoices): string | null {
  if (!(c.baselinePct > 0 && c.baselinePct < 100)) return 'The baseline rate must be between 0% and 100%.';
  if (!(c.mdePct > 0 && c.mdePct <= 1000)) return 'The minimum detectable effect must be above 0%.';
  if (!(c.alphaPct >= 0.01 && c.alphaPct <= 50)) return 'The significance level must be between 0.01% and 50%.';
  if (!(c.powerPct >= 1 && c.powerPct < 100)) return 'The power must be between 1% and 99.99%.';
  if (!Number.isInteger(c.arms) || c.arms < 2 || c.arms > 20) return 'Arms must be a whole number from 2 to 20.';
  if (!Number.isNaN(c.dailyPersons) && !(c.dailyPersons > 0)) return 'Persons per day must be above 0, or empty.';
  return null;
}

export function sampleSizeInputOf(c: CalculatorChoices): SampleSizeInput {
  return {
    baseline: c.baselinePct / 100,
    mde: c.mdePct / 100,
    alpha: c.alphaPct / 100,
    power: c.powerPct / 100,
    arms: c.arms,
    ...(Number.isNaN(c.dailyPersons) ? {} : { dailyPersons: c.dailyPersons }),
  };
}

/** The answer in a sentence, with how far the experiment has come when its exposures are known. */
export function sampleSizeSentence(answer: SampleSizeAnswer, c: CalculatorChoices, exposed?: number): string {
  const days =
    answer.days === undefined
      ? ''
      : ` At ${formatCount(c.dailyPersons)} persons a day that takes about ${formatCount(answer.days)} day${answer.days === 1 ? '' : 's'}.`;
  const progress =
    exposed === undefined
      ? ''
      : ` So far ${formatCount(exposed)} persons are in the experiment (${Math.min(100, Math.round((exposed / answer.total) * 100))}% of the way).`;
  return `To detect a ${c.mdePct}% relative change from ${c.baselinePct}% with ${c.powerPct}% power, each of the ${c.arms} arms needs ${formatCount(answer.perArm)} persons, ${formatCount(answer.total)} in all.${days}${progress}`;
}
