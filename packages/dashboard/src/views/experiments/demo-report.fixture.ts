// A report of the demo's checkout-reassurance experiment as GET /api/experiments/:id/results answers it (small demo),
// shared by the experiment tests.

import type { Experiment, ExperimentAnalysis, ExperimentReport } from '../../api/experiments.js';

export const experiment: Experiment = {
  id: 'checkout-reassurance',
  name: 'Checkout reassurance banner',
  variants: [
    { id: 'control', name: 'Secure checkout', weight: 1 },
    { id: 'reassure', name: 'Free returns message', weight: 1 },
  ],
  control: 'control',
  metrics: {
    primary: { id: 'purchase', name: 'Purchase', type: 'conversion', event: 'Order Completed', withinDays: 7 },
    secondary: [{ id: 'payment', name: 'Reached payment', type: 'conversion', event: 'Payment Info Entered' }],
    guardrails: [{ id: 'revenue', name: 'Revenue', type: 'revenue', event: 'Order Completed', withinDays: 7 }],
  },
  status: 'running',
  start: '2026-11-11T00:00:00.000Z',
};

export const analysis: ExperimentAnalysis = {
  srm: {
    arms: ['control', 'reassure'],
    users: [1036, 998],
    weights: [0.5, 0.5],
    expected: [1017, 1017],
    chiSquare: 0.7099,
    degreesOfFreedom: 1,
    pValue: 0.3995,
    mismatch: false,
  },
  method: 'frequentist',
  alpha: 0.05,
  difference: 'relative',
  correction: 'holm',
  control: 'control',
  metrics: [
    {
      name: 'Purchase',
      role: 'goal',
      inverse: false,
      type: 'proportion',
      control: { arm: 'control', n: 1036, mean: 0.6139 },
      variants: [
        {
          arm: 'reassure',
          controlN: 1036,
          controlMean: 0.6139,
          n: 998,
          mean: 0.6894,
          cuped: false,
          absolute: { estimate: 0.0755, standardError: 0.021, interval: [0.0343, 0.1167] },
          relative: { estimate: 0.123, standardError: 0.036, interval: [0.051, 0.195] },
          pValue: 0.0003,
          adjustedPValue: 0.0006,
          verdict: 'better',
        },
      ],
    },
    {
      name: 'Revenue',
      role: 'guardrail',
      inverse: false,
      type: 'mean',
      control: { arm: 'control', n: 1036, mean: 145.4 },
      variants: [
        {
          arm: 'reassure',
          controlN: 1036,
          controlMean: 145.4,
          n: 998,
          mean: 150.9,
          cuped: false,
          absolute: { estimate: 5.5, standardError: 9, interval: [-12.2, 23.2] },
          relative: { estimate: 0.038, standardError: 0.062, interval: [-0.084, null] },
          pValue: 0.54,
          adjustedPValue: 0.54,
          verdict: 'inconclusive',
        },
      ],
    },
  ],
  recommendation: {
    action: 'ship',
    variant: 'reassure',
    reason: 'reassure beats control on Purchase: +12.3% (95% CI +5.1% to +19.5%), p < 0.001; guardrails are fine.',
  },
};

export const report: ExperimentReport = {
  experiment: 'checkout-reassurance',
  status: 'running',
  start: '2026-11-11T00:00:00.000Z',
  stop: null,
  exposures: [
    { variant: 'control', persons: 1036 },
    { variant: 'reassure', persons: 998 },
  ],
  multipleExposures: 29,
  // The arm summaries behind the analysis (revenue with a standard deviation of about 203 per person).
  summaries: [
    {
      metric: 'Purchase',
      data: {
        control: { type: 'proportion', n: 1036, conversions: 636 },
        reassure: { type: 'proportion', n: 998, conversions: 688 },
      },
    },
    {
      metric: 'Revenue',
      data: {
        control: { type: 'mean', n: 1036, sum: 150_634.4, sumSquares: 64_553_511 },
        reassure: { type: 'mean', n: 998, sum: 150_598.2, sumSquares: 63_810_641 },
      },
    },
  ],
  analysis,
  at: '2026-12-02T00:00:00.000Z',
};
