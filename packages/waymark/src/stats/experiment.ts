// A whole experiment read at once: the sample-ratio check first, then every metric for every variant against
// control, p-values corrected across goal metrics and variants, and a plain-language recommendation. Pure.

import type { DifferenceType } from './effect.js';
import { compareArms, type CompareOptions, type Comparison, type Method } from './compare.js';
import type { Alternative } from './frequentist.js';
import { adjustPValues, type Correction } from './multiple-testing.js';
import { recommend, type Recommendation } from './recommendation.js';
import { sampleSize, type SampleSize } from './sample-size.js';
import { sampleRatioMismatch, type SrmResult } from './srm.js';
import { armMoments, type ArmSummary } from './summaries.js';

export interface ArmInput {
  name: string;
  /** Persons assigned, for the sample-ratio check. Default: the first metric's n for this arm. */
  users?: number;
  /** Planned share of traffic. Default: equal. */
  weight?: number;
}

export interface MetricInput {
  name: string;
  /** `goal` metrics decide; `guardrail` metrics may only block shipping when significantly worse. Default `goal`. */
  role?: 'goal' | 'guardrail';
  /** Lower is better. */
  inverse?: boolean;
  /** Per-arm summaries, by arm name. */
  data: Record<string, ArmSummary>;
}

export interface ExperimentInput {
  arms: ArmInput[];
  /** The control arm's name. Default: the first arm. */
  control?: string;
  metrics: MetricInput[];
  method?: Method;
  alpha?: number;
  alternative?: Alternative;
  difference?: DifferenceType;
  sequentialTuning?: number;
  prior?: CompareOptions['prior'];
  /** Correction across goal metrics and variants (frequentist and sequential). Default `none`. */
  correction?: Correction;
  /** The planned test: the relative effect it should detect and with what power, for "enough data yet?". */
  plan?: { mde: number; power?: number };
}

export type Verdict = 'better' | 'worse' | 'inconclusive';

export interface VariantResult extends Comparison {
  arm: string;
  /** The p-value after the multiple-testing correction (goal metrics; equals `pValue` for guardrails). */
  adjustedPValue?: number;
  verdict: Verdict;
}

export interface MetricResult {
  name: string;
  role: 'goal' | 'guardrail';
  inverse: boolean;
  type: ArmSummary['type'];
  control: { arm: string; n: number; mean: number };
  variants: VariantResult[];
}

export interface ExperimentResult {
  srm: SrmResult & { arms: string[] };
  method: Method;
  alpha: number;
  difference: DifferenceType;
  correction: Correction;
  control: string;
  metrics: MetricResult[];
  /** Persons the plan needs (from the first goal metric's control), when a plan is given. */
  required?: SampleSize;
  recommendation: Recommendation;
}

/** Better or worse than control at level alpha: the (adjusted) p-value, or the Bayesian chance to win. */
function verdictOf(v: VariantResult, difference: DifferenceType, alpha: number, inverse: boolean): Verdict {
  if (v.warning !== undefined) return 'inconclusive';
  const headline = v[difference];
  const pValue = v.adjustedPValue;
  if (v.chanceToWin !== undefined) {
    if (v.chanceToWin >= 1 - alpha) return 'better';
    return v.chanceToWin <= alpha ? 'worse' : 'inconclusive';
  }
  if (pValue === undefined || headline === undefined || pValue >= alpha) return 'inconclusive';
  return headline.estimate > 0 !== inverse ? 'better' : 'worse';
}

/** Reads an experiment; `input` must be valid (see parseExperimentInput). */
export function analyzeExperiment(input: ExperimentInput): ExperimentResult {
  const method = input.method ?? 'frequentist';
  const alpha = input.alpha ?? 0.05;
  const difference = input.difference ?? 'relative';
  const correction = input.correction ?? 'none';
  const controlName = input.control ?? input.arms[0]!.name;
  const variants = input.arms.filter((a) => a.name !== controlName);
  const ordered = [input.arms.find((a) => a.name === controlName)!, ...variants];
  const firstMetric = input.metrics[0]!;
  const users = ordered.map((a) => a.users ?? firstMetric.data[a.name]!.n);
  const weights = ordered.every((a) => a.weight !== undefined) ? ordered.map((a) => a.weight!) : undefined;
  const srm = { arms: ordered.map((a) => a.name), ...sampleRatioMismatch(users, weights) };

  const metrics: MetricResult[] = input.metrics.map((metric) => {
    const control = metric.data[controlName]!;
    const options: CompareOptions = {
      method,
      alpha,
      difference,
      alternative: input.alternative,
      sequentialTuning: input.sequentialTuning,
      prior: input.prior,
      inverse: metric.inverse ?? false,
    };
    const compared = variants.map((v) => ({ arm: v.name, ...compareArms(control, metric.data[v.name]!, options) }));
    const controlMean = compared[0]?.controlMean ?? armMoments(control).mean;
    return {
      name: metric.name,
      role: metric.role ?? 'goal',
      inverse: metric.inverse ?? false,
      type: control.type,
      control: { arm: controlName, n: control.n, mean: controlMean },
      variants: compared.map((v) => ({ ...v, verdict: 'inconclusive' as Verdict })),
    };
  });

  // Correct goal p-values across metrics and variants together; guardrails keep their raw p-values.
  const goals = metrics.filter((m) => m.role === 'goal').flatMap((m) => m.variants);
  const withP = goals.filter((v) => v.pValue !== undefined);
  const adjusted = adjustPValues(
    withP.map((v) => v.pValue!),
    correction,
  );
  withP.forEach((v, i) => (v.adjustedPValue = adjusted[i]));
  for (const m of metrics) {
    for (const v of m.variants) {
      if (m.role === 'guardrail' && v.pValue !== undefined) v.adjustedPValue = v.pValue;
      v.verdict = verdictOf(v, difference, alpha, m.inverse);
    }
  }

  const primary = metrics.find((m) => m.role === 'goal') ?? metrics[0]!;
  const primaryControl = input.metrics[metrics.indexOf(primary)]!.data[controlName]!;
  const required = input.plan ? plannedSize(input, primaryControl, ordered.length) : undefined;
  const persons = users.reduce((s, u) => s + u, 0);
  const recommendation = recommend({ srm, metrics, primary, method, alpha, difference, persons, required });
  return { srm, method, alpha, difference, correction, control: controlName, metrics, required, recommendation };
}

/** The persons the plan needs, from the primary metric's control as the baseline. */
function plannedSize(input: ExperimentInput, control: ArmSummary, arms: number): SampleSize | undefined {
  const moments = armMoments(control);
  if (moments.mean === 0 || input.plan === undefined) return undefined;
  return sampleSize({
    baseline: moments.mean,
    sd: control.type === 'proportion' ? undefined : Math.sqrt(moments.variance),
    mde: input.plan.mde,
    alpha: input.alpha ?? 0.05,
    power: input.plan.power ?? 0.8,
    arms,
    sequentialTuning: input.method === 'sequential' ? (input.sequentialTuning ?? 5000) : undefined,
  });
}
