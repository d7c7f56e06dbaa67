// The experiment endpoints the dashboard uses (docs/experiments.md): saved experiments, starting and stopping one,
// its results (exposures, the SRM check, lifts per metric and variant, the recommendation) and the sample-size
// calculator. The definitions and results are the engine's types, with the lifts as JSON carries them.

import type {
  Experiment,
  ExperimentReport as EngineReport,
  ExperimentResult,
  Lift as EngineLift,
  MetricResult as EngineMetricResult,
  SampleSize,
  SampleSizeInput as EngineSampleSizeInput,
  VariantResult as EngineVariantResult,
} from 'waymark/types';
import { request } from './client.js';

export type { Experiment, Metric as ExperimentMetric, Recommendation } from 'waymark/types';

export type ExperimentStatus = Experiment['status'];

/**
 * A lift as the API sends it. The engine's `Lift` has ±Infinity at the open end of a one-sided interval, which JSON
 * turns into null: the only way the results below differ from the engine's.
 */
export interface Lift extends Omit<EngineLift, 'interval'> {
  interval: [number | null, number | null];
}

export interface VariantResult extends Omit<EngineVariantResult, 'absolute' | 'relative'> {
  absolute?: Lift;
  relative?: Lift;
}

export interface MetricResult extends Omit<EngineMetricResult, 'variants'> {
  variants: VariantResult[];
}

export interface ExperimentAnalysis extends Omit<ExperimentResult, 'metrics'> {
  metrics: MetricResult[];
}

export type SrmCheck = ExperimentAnalysis['srm'];

/** `GET /api/experiments/:id/results`. */
export interface ExperimentReport extends Omit<EngineReport, 'analysis'> {
  /** Null until every variant has exposures. */
  analysis: ExperimentAnalysis | null;
}

/** The body of `POST /api/stats/sample-size`: the engine's input but its sequential tuning, which the API refuses. */
export type SampleSizeInput = Omit<EngineSampleSizeInput, 'sequentialTuning'>;

/** The answer: `days` is absent without `dailyPersons`. */
export type SampleSizeAnswer = SampleSize;

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
