// The experiment endpoints the dashboard uses (docs/experiments.md): saved experiments, starting and stopping one,
// its results (exposures, the SRM check, lifts per metric and variant, the recommendation) and the sample-size
// calculator.

import { request } from './client.js';

export type ExperimentStatus = 'draft' | 'running' | 'stopped';

/** A metric as an experiment defines it; the dashboard reads its name, type and event. */
export interface ExperimentMetric {
  id: string;
  name?: string;
  type: 'conversion' | 'count' | 'revenue' | 'ratio' | 'funnel';
  event?: string;
  steps?: string[];
  withinDays?: number;
}

/** A saved experiment, as `GET /api/experiments/:id` answers it (and as `PUT` takes it back). */
export interface Experiment {
  id: string;
  name: string;
  hypothesis?: string;
  variants: { id: string; name?: string; weight: number }[];
  control?: string;
  traffic?: number;
  metrics: { primary: ExperimentMetric; secondary?: ExperimentMetric[]; guardrails?: ExperimentMetric[] };
  status: ExperimentStatus;
  start?: string;
  stop?: string;
  analysis?: {
    method?: 'frequentist' | 'sequential' | 'bayesian';
    alpha?: number;
    cuped?: boolean;
    correction?: 'holm' | 'bh' | 'none';
    minimumDetectableEffect?: number;
  };
  [field: string]: unknown;
}

export interface Lift {
  estimate: number;
  standardError: number;
  /** An open end of a one-sided interval is null. */
  interval: [number | null, number | null];
}

export interface VariantResult {
  arm: string;
  n: number;
  mean: number;
  controlN: number;
  controlMean: number;
  cuped: boolean;
  absolute?: Lift;
  relative?: Lift;
  pValue?: number;
  adjustedPValue?: number;
  chanceToWin?: number;
  risk?: { control: number; variant: number };
  /** Why no result could be computed. */
  warning?: string;
  verdict: 'better' | 'worse' | 'inconclusive';
}

export interface MetricResult {
  name: string;
  role: 'goal' | 'guardrail';
  inverse: boolean;
  type: 'proportion' | 'mean' | 'ratio';
  control: { arm: string; n: number; mean: number };
  variants: VariantResult[];
}

export interface SrmCheck {
  arms: string[];
  users: number[];
  weights: number[];
  expected: number[];
  chiSquare: number;
  pValue: number;
  mismatch: boolean;
}

export interface Recommendation {
  action: 'ship' | 'keep running' | 'stop';
  variant?: string;
  reason: string;
}

export interface ExperimentAnalysis {
  srm: SrmCheck;
  method: 'frequentist' | 'sequential' | 'bayesian';
  alpha: number;
  difference: 'relative' | 'absolute';
  correction: 'holm' | 'bh' | 'none';
  control: string;
  metrics: MetricResult[];
  required?: { perArm: number; total: number; days?: number };
  recommendation: Recommendation;
}

/** `GET /api/experiments/:id/results`. */
export interface ExperimentReport {
  experiment: string;
  status: ExperimentStatus;
  start: string | null;
  stop: string | null;
  exposures: { variant: string; persons: number }[];
  multipleExposures: number;
  /** Null until every variant has exposures. */
  analysis: ExperimentAnalysis | null;
  at: string;
}

export interface SampleSizeInput {
  baseline: number;
  mde: number;
  alpha?: number;
  power?: number;
  arms?: number;
  dailyPersons?: number;
}

export interface SampleSizeAnswer {
  perArm: number;
  total: number;
  /** Absent without `dailyPersons`. */
  days?: number;
}

const inProject = (path: string, project: string) => `${path}?project=${encodeURIComponent(project)}`;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export async function listExperiments(project: string, signal?: AbortSignal): Promise<Experiment[]> {
  const answer = await request<{ experiments: Experiment[] }>(
    'GET',
    inProject('/api/experiments', project),
    withSignal(signal),
  );
  return answer.experiments;
}

export const getExperiment = (project: string, id: string, signal?: AbortSignal) =>
  request<Experiment>('GET', inProject(`/api/experiments/${encodeURIComponent(id)}`, project), withSignal(signal));

export const experimentResults = (project: string, id: string, signal?: AbortSignal) =>
  request<ExperimentReport>(
    'GET',
    inProject(`/api/experiments/${encodeURIComponent(id)}/results`, project),
    withSignal(signal),
  );

/** Saves the whole definition back (PUT replaces it); analysts and admins only, viewers get 403. */
export const saveExperiment = (project: string, experiment: Experiment) =>
  request<Experiment>('PUT', inProject(`/api/experiments/${encodeURIComponent(experiment.id)}`, project), {
    body: experiment,
  });

export const sampleSize = (input: SampleSizeInput, signal?: AbortSignal) =>
  request<SampleSizeAnswer>('POST', '/api/stats/sample-size', { body: input, ...withSignal(signal) });
