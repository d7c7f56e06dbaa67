// Checks an experiment file (see docs/experiments.md) and turns it into ExperimentInput, or throws `invalid_request`
// naming the offending field, e.g. `metrics[0].data.B.conversions must be a whole number between 0 and n`.

import { fail, object, oneOf } from '../core/field-check.js';
import type { Correction } from './multiple-testing.js';
import type { ArmInput, ExperimentInput, MetricInput } from './experiment.js';
import type { ArmSummary, PreExposure, Sums } from './summaries.js';

type Json = Record<string, unknown>;

function number(x: unknown, field: string, check?: (n: number) => boolean, rule = 'is out of range'): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(field, 'must be a number');
  if (check && !check(x)) fail(field, rule);
  return x;
}

function count(x: unknown, field: string): number {
  return number(x, field, (n) => Number.isInteger(n) && n >= 0, 'must be a whole number ≥ 0');
}

function optional<T>(o: Json, key: string, field: string, read: (x: unknown, field: string) => T): T | undefined {
  return o[key] === undefined ? undefined : read(o[key], field === '' ? key : `${field}.${key}`);
}

function sums(x: unknown, field: string): Sums {
  const o = object(x, field);
  return { sum: number(o['sum'], `${field}.sum`), sumSquares: number(o['sumSquares'], `${field}.sumSquares`) };
}

function preExposure(x: unknown, field: string, binary: boolean): PreExposure {
  const o = object(x, field);
  const sum = number(o['sum'], `${field}.sum`);
  const sumSquares = binary
    ? ((o['sumSquares'] as number | undefined) ?? sum)
    : number(o['sumSquares'], `${field}.sumSquares`);
  return { sum, sumSquares, crossProducts: number(o['crossProducts'], `${field}.crossProducts`) };
}

function armSummary(x: unknown, field: string, type: ArmSummary['type']): ArmSummary {
  const o = object(x, field);
  const n = count(o['n'], `${field}.n`);
  if (type === 'proportion') {
    const conversions = number(
      o['conversions'],
      `${field}.conversions`,
      (c) => Number.isInteger(c) && c >= 0 && c <= n,
      'must be a whole number between 0 and n',
    );
    const pre = optional(o, 'pre', field, (p, f) => preExposure(p, f, true));
    return pre ? { type, n, conversions, pre } : { type, n, conversions };
  }
  if (type === 'ratio') {
    return {
      type,
      n,
      numerator: sums(o['numerator'], `${field}.numerator`),
      denominator: sums(o['denominator'], `${field}.denominator`),
      crossProducts: number(o['crossProducts'], `${field}.crossProducts`),
    };
  }
  const s = { sum: number(o['sum'], `${field}.sum`), sumSquares: number(o['sumSquares'], `${field}.sumSquares`) };
  const pre = optional(o, 'pre', field, (p, f) => preExposure(p, f, false));
  return pre ? { type, n, ...s, pre } : { type, n, ...s };
}

function arm(x: unknown, field: string): ArmInput {
  if (typeof x === 'string' && x !== '') return { name: x };
  const o = object(x, field);
  if (typeof o['name'] !== 'string' || o['name'] === '') fail(`${field}.name`, 'must be a non-empty string');
  return {
    name: o['name'],
    users: optional(o, 'users', field, count),
    weight: optional(o, 'weight', field, (w, f) => number(w, f, (v) => v >= 0, 'must be ≥ 0')),
  };
}

function metric(x: unknown, field: string, arms: ArmInput[]): MetricInput {
  const o = object(x, field);
  if (typeof o['name'] !== 'string' || o['name'] === '') fail(`${field}.name`, 'must be a non-empty string');
  const type = oneOf(o['type'], `${field}.type`, ['mean', 'proportion', 'ratio'] as const);
  const data = object(o['data'], `${field}.data`);
  const parsed: Record<string, ArmSummary> = {};
  for (const a of arms) {
    if (data[a.name] === undefined) fail(`${field}.data.${a.name}`, 'is required (one summary per arm)');
    parsed[a.name] = armSummary(data[a.name], `${field}.data.${a.name}`, type);
  }
  for (const key of Object.keys(data)) {
    if (!arms.some((a) => a.name === key)) fail(`${field}.data.${key}`, 'is not an arm listed in arms');
  }
  const withPre = arms.filter((a) => (parsed[a.name] as { pre?: unknown }).pre !== undefined).length;
  if (withPre !== 0 && withPre !== arms.length)
    fail(`${field}.data`, 'needs pre-exposure sums (pre) on every arm or on none');
  return {
    name: o['name'],
    role: optional(o, 'role', field, (r, f) => oneOf(r, f, ['goal', 'guardrail'] as const)),
    inverse: optional(o, 'inverse', field, (b, f) => (typeof b === 'boolean' ? b : fail(f, 'must be true or false'))),
    data: parsed,
  };
}

/** The experiment file's content, checked. */
export function parseExperimentInput(raw: unknown): ExperimentInput {
  const o = object(raw, 'input');
  if (!Array.isArray(o['arms']) || o['arms'].length < 2) fail('arms', 'must list at least two arms (control first)');
  const arms = o['arms'].map((a, i) => arm(a, `arms[${i}]`));
  const names = new Set(arms.map((a) => a.name));
  if (names.size !== arms.length) fail('arms', 'must have distinct names');
  const control = typeof o['control'] === 'string' ? o['control'] : undefined;
  if (o['control'] !== undefined && (control === undefined || !names.has(control)))
    fail('control', 'must name one of the arms');
  if (arms.some((a) => a.weight !== undefined) && !arms.every((a) => a.weight !== undefined))
    fail('arms', 'need a weight on every arm or on none');
  if (!Array.isArray(o['metrics']) || o['metrics'].length === 0) fail('metrics', 'must list at least one metric');
  const metrics = o['metrics'].map((m, i) => metric(m, `metrics[${i}]`, arms));
  const prior = optional(o, 'prior', '', (p, f) => {
    const po = object(p, f);
    return {
      mean: number(po['mean'] ?? 0, `${f}.mean`),
      variance: number(po['variance'], `${f}.variance`, (v) => v > 0, 'must be > 0'),
      proper: po['proper'] === undefined ? true : po['proper'] === true,
      scale: optional(po, 'scale', f, (s, g) => oneOf(s, g, ['relative', 'absolute'] as const)),
    };
  });
  const plan = optional(o, 'plan', '', (p, f) => {
    const po = object(p, f);
    return {
      mde: number(po['mde'], `${f}.mde`, (v) => v > 0, 'must be > 0 (a relative effect, e.g. 0.05)'),
      power: optional(po, 'power', f, (v, g) => number(v, g, (x) => x > 0 && x < 1, 'must be between 0 and 1')),
    };
  });
  return {
    arms,
    control,
    metrics,
    method: optional(o, 'method', '', (m, f) => oneOf(m, f, ['frequentist', 'sequential', 'bayesian'] as const)),
    alpha: optional(o, 'alpha', '', (a, f) => number(a, f, (x) => x > 0 && x < 0.5, 'must be between 0 and 0.5')),
    alternative: optional(o, 'sides', '', (s, f) => oneOf(s, f, ['two-sided', 'greater', 'less'] as const)),
    difference: optional(o, 'difference', '', (d, f) => oneOf(d, f, ['relative', 'absolute'] as const)),
    sequentialTuning: optional(o, 'sequentialTuning', '', (t, f) => number(t, f, (x) => x > 0, 'must be > 0')),
    prior,
    correction: optional(o, 'correction', '', (c, f) => oneOf<Correction>(c, f, ['holm', 'bh', 'none'])),
    plan,
  };
}
