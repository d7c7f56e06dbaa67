// An experiment's results, read from the warehouse: who was exposed to which variant (their first `Experiment
// Viewed` of it between start and stop; persons who saw two variants are left out and counted), each metric per
// person in the window after their exposure (and, for CUPED, the same metric before it), summed per variant, then
// handed to the statistics engine (stats/experiment.ts) for lifts, tests, the SRM check and a recommendation.

import { EventQuery } from '../analytics/event-query.js';
import { asNumberSql, filterSql, propertyValueSql, type PersonProperties } from '../analytics/property.js';
import { ParamBinder } from '../analytics/sql-params.js';
import { DAY_MS } from '../core/time.js';
import type { EventMetric, Experiment, Metric } from '../decisions/model.js';
import { analyzeExperiment, type ExperimentResult, type MetricInput } from '../stats/experiment.js';
import type { ArmSummary } from '../stats/summaries.js';
import type { Warehouse } from '../warehouse/warehouse.js';

const DEFAULT_WINDOW_DAYS = 7;
const DEFAULT_PRE_DAYS = 14;

export interface VariantExposure {
  variant: string;
  persons: number;
}

export interface ExperimentReport {
  experiment: string;
  status: Experiment['status'];
  start: string | null;
  stop: string | null;
  /** Persons exposed per variant (first exposure), and persons left out for seeing more than one. */
  exposures: VariantExposure[];
  multipleExposures: number;
  /** Per metric and variant, the summaries the statistics were computed from. */
  summaries: { metric: string; data: Record<string, ArmSummary> }[];
  /** Null until every variant has exposures. */
  analysis: ExperimentResult | null;
  at: string;
}

const noPersons: PersonProperties = {
  column() {
    throw new Error('experiment metrics filter on event properties only');
  },
};

interface Built {
  select: string[];
  /** Per-person value expressions over the grouped row: post-exposure value, pre-exposure value, ratio denominator. */
  value: string;
  pre: string;
  denominator?: string;
}

class MetricSql {
  private n = 0;
  readonly match: string[] = [];

  constructor(private readonly binder: ParamBinder) {}

  /** Per person, the (time, value) pairs of the events a metric counts, as a grouped array column. */
  private pairs(m: Omit<EventMetric, 'id' | 'name'>, select: string[]): string {
    const parts: string[] = [];
    if (m.event !== undefined) parts.push(`ev.event = ${this.binder.string(m.event)}`);
    else parts.push('ev.revenue != 0');
    for (const f of m.where ?? []) parts.push(filterSql({ ...f, on: 'event' }, this.binder, noPersons));
    const cond = parts.join(' AND ');
    this.match.push(`(${cond})`);
    let value = '1';
    if (m.type === 'revenue')
      value =
        m.property === undefined
          ? 'toFloat64(ev.revenue)'
          : `ifNull(${asNumberSql(propertyValueSql({ property: m.property }, this.binder, noPersons))}, 0)`;
    const name = `m${this.n++}`;
    select.push(`groupArrayIf((toUnixTimestamp64Milli(ev.timestamp), toFloat64(${value})), ${cond}) AS ${name}`);
    return name;
  }

  /** An event metric's per-person value between two Int64 ms expressions. */
  private valueBetween(m: Omit<EventMetric, 'id' | 'name'>, arr: string, from: string, to: string): string {
    const inside = `x.1 >= ${from} AND x.1 < ${to}`;
    if (m.type === 'conversion') return `toFloat64(arrayExists(x -> ${inside}, ${arr}))`;
    if (m.type === 'count') return `toFloat64(arrayCount(x -> ${inside}, ${arr}))`;
    return `arraySum(x -> if(${inside}, x.2, 0), ${arr})`;
  }

  build(metric: Metric, preDays: number): Built {
    const select: string[] = [];
    const days = metric.withinDays ?? DEFAULT_WINDOW_DAYS;
    const end = `at + ${days * DAY_MS}`;
    const preStart = `at - ${preDays * DAY_MS}`;
    if (metric.type === 'ratio') {
      const num = this.pairs(metric.numerator, select);
      const den = this.pairs(metric.denominator, select);
      return {
        select,
        value: this.valueBetween(metric.numerator, num, 'at', end),
        pre: this.valueBetween(metric.numerator, num, preStart, 'at'),
        denominator: this.valueBetween(metric.denominator, den, 'at', end),
      };
    }
    if (metric.type === 'funnel') {
      // Each step after the previous one, all within the window after exposure.
      const names = metric.steps.map((step) => {
        const name = `m${this.n++}`;
        const cond = `ev.event = ${this.binder.string(step)}`;
        this.match.push(`(${cond})`);
        select.push(`arraySort(groupArrayIf(toUnixTimestamp64Milli(ev.timestamp), ${cond})) AS ${name}`);
        return name;
      });
      // arrayFirst gives 0 when nothing matches, which no later step can come after within the window.
      const done = names.reduce((acc, name, i) => {
        const after = i === 0 ? 't >= at' : `t > ${acc}`;
        const guard = i === 0 ? '' : `${acc} > 0 AND `;
        return `arrayFirst(t -> ${guard}${after} AND t < ${end}, ${name})`;
      }, '');
      return { select, value: `toFloat64(${done} > 0)`, pre: '0' };
    }
    const arr = this.pairs(metric, select);
    return {
      select,
      value: this.valueBetween(metric, arr, 'at', end),
      pre: this.valueBetween(metric, arr, preStart, 'at'),
    };
  }
}

const num = (v: number | string | null | undefined): number => Number(v ?? 0);

/** Summaries per variant of one metric. */
async function metricSummaries(
  warehouse: Warehouse,
  projectId: string,
  e: Experiment,
  metric: Metric,
  now: number,
): Promise<{ data: Record<string, ArmSummary>; exposures: VariantExposure[]; multiple: number }> {
  const binder = new ParamBinder(projectId);
  const preDays = e.analysis?.preExposureDays ?? DEFAULT_PRE_DAYS;
  const built = new MetricSql(binder);
  const m = built.build(metric, preDays);
  const from = e.start === undefined ? 0 : Date.parse(e.start);
  const to = Math.min(now, e.stop === undefined ? now : Date.parse(e.stop));
  const exposed = `(ev.event = 'Experiment Viewed' AND JSONExtractString(ev.properties, 'experiment_id') = ${binder.string(e.id)} AND ev.timestamp >= fromUnixTimestamp64Milli(${binder.bind(from, 'Int64')}, 'UTC') AND ev.timestamp < fromUnixTimestamp64Milli(${binder.bind(to, 'Int64')}, 'UTC'))`;
  const scan = new EventQuery(warehouse.database, binder).sql({
    select: [
      'ev.person_id AS person_id',
      `argMinIf(JSONExtractString(ev.properties, 'variant_id'), ev.timestamp, ${exposed}) AS variant`,
      `minIf(toUnixTimestamp64Milli(ev.timestamp), ${exposed}) AS at`,
      `countIf(${exposed}) AS exposures`,
      `uniqExactIf(JSONExtractString(ev.properties, 'variant_id'), ${exposed}) AS variants`,
      ...m.select,
    ],
    where: [`(${exposed} OR ${built.match.join(' OR ')})`],
  });
  const perPerson = `SELECT variant, variants, ${m.value} AS v, ${m.pre} AS p${m.denominator ? `, ${m.denominator} AS d` : ''}
    FROM (${scan} GROUP BY person_id HAVING exposures > 0)`;
  const rows = await warehouse.query<Record<string, number | string>>(
    `SELECT variant, countIf(variants = 1) AS n, countIf(variants > 1) AS multiple,
       sumIf(v, variants = 1) AS s, sumIf(v * v, variants = 1) AS ss,
       sumIf(p, variants = 1) AS ps, sumIf(p * p, variants = 1) AS pss, sumIf(v * p, variants = 1) AS vp
       ${m.denominator ? ', sumIf(d, variants = 1) AS ds, sumIf(d * d, variants = 1) AS dss, sumIf(v * d, variants = 1) AS vd' : ''}
     FROM (${perPerson}) GROUP BY variant`,
    binder.params,
  );
  const cuped = e.analysis?.cuped === true && metric.type !== 'funnel' && metric.type !== 'ratio';
  const data: Record<string, ArmSummary> = {};
  const exposures: VariantExposure[] = [];
  let multiple = 0;
  for (const variant of e.variants) {
    const r = rows.find((x) => x['variant'] === variant.id);
    const n = num(r?.['n']);
    exposures.push({ variant: variant.id, persons: n });
    const pre = cuped
      ? { pre: { sum: num(r?.['ps']), sumSquares: num(r?.['pss']), crossProducts: num(r?.['vp']) } }
      : {};
    if (metric.type === 'ratio') {
      data[variant.id] = {
        type: 'ratio',
        n,
        numerator: { sum: num(r?.['s']), sumSquares: num(r?.['ss']) },
        denominator: { sum: num(r?.['ds']), sumSquares: num(r?.['dss']) },
        crossProducts: num(r?.['vd']),
      };
    } else if (metric.type === 'conversion' || metric.type === 'funnel') {
      data[variant.id] = { type: 'proportion', n, conversions: Math.round(num(r?.['s'])), ...pre };
    } else {
      data[variant.id] = { type: 'mean', n, sum: num(r?.['s']), sumSquares: num(r?.['ss']), ...pre };
    }
  }
  for (const r of rows) multiple += num(r['multiple']);
  return { data, exposures, multiple };
}

/** Reads an experiment's results at `now`. */
export async function experimentResults(
  warehouse: Warehouse,
  projectId: string,
  e: Experiment,
  now: number,
): Promise<ExperimentReport> {
  const metrics: { metric: Metric; role: 'goal' | 'guardrail' }[] = [
    { metric: e.metrics.primary, role: 'goal' },
    ...(e.metrics.secondary ?? []).map((metric) => ({ metric, role: 'goal' as const })),
    ...(e.metrics.guardrails ?? []).map((metric) => ({ metric, role: 'guardrail' as const })),
  ];
  const summaries: ExperimentReport['summaries'] = [];
  const inputs: MetricInput[] = [];
  let exposures: VariantExposure[] = [];
  let multiple = 0;
  for (const [i, { metric, role }] of metrics.entries()) {
    const s = await metricSummaries(warehouse, projectId, e, metric, now);
    if (i === 0) {
      exposures = s.exposures;
      multiple = s.multiple;
    }
    summaries.push({ metric: metric.id, data: s.data });
    inputs.push({ name: metric.name ?? metric.id, role, data: s.data });
  }
  const control = e.control ?? (e.variants[0] as { id: string }).id;
  const ordered = [control, ...e.variants.map((v) => v.id).filter((id) => id !== control)];
  const ready = exposures.every((x) => x.persons > 1);
  const analysis = ready
    ? analyzeExperiment({
        arms: ordered.map((id) => ({
          name: id,
          users: exposures.find((x) => x.variant === id)?.persons ?? 0,
          weight: e.variants.find((v) => v.id === id)?.weight ?? 1,
        })),
        control,
        metrics: inputs,
        method: e.analysis?.method ?? 'frequentist',
        alpha: e.analysis?.alpha ?? 0.05,
        correction: e.analysis?.correction ?? 'holm',
        ...(e.analysis?.minimumDetectableEffect === undefined
          ? {}
          : { plan: { mde: e.analysis.minimumDetectableEffect } }),
      })
    : null;
  return {
    experiment: e.id,
    status: e.status,
    start: e.start ?? null,
    stop: e.stop ?? null,
    exposures,
    multipleExposures: multiple,
    summaries,
    analysis,
    at: new Date(now).toISOString(),
  };
}
