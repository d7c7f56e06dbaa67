// Whole experiments as a user would submit them: the recommendation for each situation, and the errors for bad input.

import { describe, expect, it } from 'vitest';
import { WaymarkError } from '../core/errors.js';
import { analyzeExperiment } from './experiment.js';
import { parseExperimentInput } from './experiment-input.js';

const purchase = (a: number, b: number, n = [20000, 20000]) => ({
  name: 'Purchase',
  type: 'proportion',
  data: { A: { n: n[0], conversions: a }, B: { n: n[1], conversions: b } },
});
const refunds = (a: number, b: number) => ({
  name: 'Refund rate',
  type: 'proportion',
  role: 'guardrail',
  inverse: true,
  data: { A: { n: 20000, conversions: a }, B: { n: 20000, conversions: b } },
});
const read = (raw: Record<string, unknown>) => analyzeExperiment(parseExperimentInput({ arms: ['A', 'B'], ...raw }));

describe('recommendation', () => {
  it.each([
    [
      'ship a clear winner',
      { metrics: [purchase(2000, 2210), refunds(300, 300)] },
      'ship',
      /^B beats control on Purchase: \+10\.5% \(95% CI \+4\.\d% to \+1\d\.\d%\), p = 0\.00\d; guardrails are fine\.$/,
    ],
    [
      'stop when a guardrail got worse',
      { metrics: [purchase(2000, 2210), refunds(300, 420)] },
      'stop',
      /but is significantly worse on guardrail Refund rate: \+40\.0%/,
    ],
    [
      'stop a harmful variant',
      { metrics: [purchase(2000, 1790)] },
      'stop',
      /^Harmful: B is worse than control on Purchase: -10\.5%/,
    ],
    [
      'keep running without a clear difference',
      { metrics: [purchase(2000, 2010)] },
      'keep running',
      /^No clear difference yet on Purchase \(B \+0\.5%.*Keep collecting data\.$/,
    ],
    [
      'keep running below the planned size',
      { plan: { mde: 0.02 }, metrics: [purchase(2000, 2210)] },
      'keep running',
      /^Not enough data: 40,000 of the [\d,]+ persons the sample-size calculation needs\.$/,
    ],
    [
      'stop with no effect at the planned size',
      { plan: { mde: 0.2 }, metrics: [purchase(2000, 2010)] },
      'stop',
      /^No effect: 40,000 persons reached the planned [\d,]+/,
    ],
    [
      'ship on a Bayesian chance to win',
      { method: 'bayesian', metrics: [purchase(2000, 2210)] },
      'ship',
      /chance to beat control 99\.\d%/,
    ],
    [
      'stop on a sample-ratio mismatch',
      { metrics: [purchase(2000, 2210, [20000, 21000])] },
      'stop',
      /^SRM detected: 20,000 \/ 21,000 persons in A \/ B against a planned 50% \/ 50% split \(p < 0\.001\)\. Fix the assignment before reading results\.$/,
    ],
  ] as const)('%s', (_, raw, action, reason) => {
    const result = read(raw as Record<string, unknown>);
    expect(result.recommendation.action).toBe(action);
    expect(result.recommendation.reason).toMatch(reason);
  });

  it('reads results through the sequential test without waiting for the plan', () => {
    const result = read({ method: 'sequential', plan: { mde: 0.02 }, metrics: [purchase(2000, 2400)] });
    expect(result.recommendation.action).toBe('ship');
    expect(result.metrics[0]!.variants[0]!.pValue).toBeLessThan(0.05);
  });
});

describe('experiment analysis', () => {
  it('puts control first, corrects goal p-values across metrics and variants, and leaves guardrails alone', () => {
    const result = analyzeExperiment(
      parseExperimentInput({
        arms: [{ name: 'B' }, { name: 'A' }, { name: 'C' }],
        control: 'A',
        correction: 'holm',
        metrics: [
          {
            name: 'Purchase',
            type: 'proportion',
            data: {
              A: { n: 9000, conversions: 900 },
              B: { n: 9000, conversions: 990 },
              C: { n: 9000, conversions: 910 },
            },
          },
          {
            name: 'Refunds',
            type: 'proportion',
            role: 'guardrail',
            data: { A: { n: 9000, conversions: 90 }, B: { n: 9000, conversions: 95 }, C: { n: 9000, conversions: 91 } },
          },
        ],
      }),
    );
    expect(result.srm.arms).toEqual(['A', 'B', 'C']);
    const [b, c] = result.metrics[0]!.variants;
    expect(b!.adjustedPValue).toBeCloseTo(Math.min(1, 2 * Math.min(b!.pValue!, c!.pValue!)), 12);
    expect(c!.adjustedPValue).toBeGreaterThanOrEqual(b!.adjustedPValue!);
    const guard = result.metrics[1]!.variants[0]!;
    expect(guard.adjustedPValue).toBe(guard.pValue);
  });

  it('applies CUPED when every arm has pre-exposure sums, and says why a lift cannot be computed', () => {
    const result = read({
      metrics: [
        {
          name: 'Revenue',
          type: 'mean',
          data: {
            A: { n: 3001, sum: 300, sumSquares: 600, pre: { sum: 210, sumSquares: 415, crossProducts: -20 } },
            B: { n: 3000, sum: 222, sumSquares: 555, pre: { sum: 120, sumSquares: 405, crossProducts: -10 } },
          },
        },
        {
          name: 'Empty',
          type: 'mean',
          data: { A: { n: 1, sum: 1, sumSquares: 1 }, B: { n: 1, sum: 2, sumSquares: 4 } },
        },
      ],
    });
    expect(result.metrics[0]!.variants[0]!.cuped).toBe(true);
    expect(result.metrics[0]!.variants[0]!.relative!.estimate).toBeCloseTo(-0.281707154, 8);
    expect(result.metrics[1]!.variants[0]!.warning).toMatch(/no variance/);
    expect(result.metrics[1]!.variants[0]!.verdict).toBe('inconclusive');
  });
});

describe('input checks name the field', () => {
  it.each([
    [{ arms: ['A'] }, 'arms'],
    [{ arms: ['A', 'B'], metrics: [] }, 'metrics'],
    [{ arms: ['A', 'B'], control: 'Z', metrics: [purchase(1, 2)] }, 'control'],
    [{ arms: ['A', 'B'], metrics: [{ ...purchase(1, 2), type: 'median' }] }, 'metrics[0].type'],
    [{ arms: ['A', 'B'], metrics: [purchase(1, 20001)] }, 'metrics[0].data.B.conversions'],
    [
      { arms: ['A', 'B'], metrics: [{ name: 'x', type: 'mean', data: { A: { n: 1, sum: 1, sumSquares: 1 } } }] },
      'metrics[0].data.B',
    ],
    [{ arms: ['A', 'B'], method: 'magic', metrics: [purchase(1, 2)] }, 'method'],
    [{ arms: ['A', 'B'], alpha: 2, metrics: [purchase(1, 2)] }, 'alpha'],
    [{ arms: ['A', 'B'], prior: { mean: 0 }, metrics: [purchase(1, 2)] }, 'prior.variance'],
  ])('%j → %s', (raw, field) => {
    let error: unknown;
    try {
      parseExperimentInput(raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WaymarkError);
    expect((error as WaymarkError).field).toBe(field);
    expect((error as WaymarkError).code).toBe('invalid_request');
  });
});
