// Lays the query's counts out as cohorts: size, persons and rate per period since the cohort's, each period marked
// complete or still running (periods not begun are left out), and the average curve over the periods that are over.

import { addDuration } from '../time-units.js';
import { NONE } from '../trends/trends-result.js';
import { OTHER } from '../trends/trends-sql.js';
import type { RetentionRow } from './retention-sql.js';
import { DEFAULT_RETENTION_BREAKDOWN_LIMIT, type RetentionPlan } from './retention-spec.js';

export interface RetentionValue {
  /** Persons of the cohort counted in this period ("on") or in it or later ("on or after"). */
  persons: number;
  /** `persons / size`; null for an empty cohort. */
  rate: number | null;
  /** False while the period is still running: its number can still grow. */
  complete: boolean;
}

export interface RetentionCohort {
  /** Start of the cohort's period (ISO). */
  period: string;
  size: number;
  /** Index k: k periods after the cohort's. Only periods that have begun are listed. */
  values: RetentionValue[];
}

export interface AveragePoint {
  /** Periods after the cohort's. */
  period: number;
  /** Persons retained over persons in the cohorts whose period `period` is over: a mean weighted by cohort size. */
  rate: number | null;
  persons: number;
  size: number;
  /** How many cohorts contribute. */
  cohorts: number;
}

export interface RetentionBreakdownValue {
  value: string;
  cohorts: RetentionCohort[];
  average: AveragePoint[];
}

export interface RetentionResult {
  type: 'first_time' | 'recurring';
  mode: 'on' | 'on_or_after';
  period: RetentionPlan['period'];
  periods: number;
  range: { from: string; to: string };
  cohorts: RetentionCohort[];
  average: AveragePoint[];
  breakdown?: { property: string; on: 'event' | 'person'; values: RetentionBreakdownValue[] };
}

/** Per cohort start: its size and the persons counted at each period. */
type Counts = Map<number, { size: number; retained: number[] }>;

function countsByValue(rows: readonly RetentionRow[], periods: number): Map<string, Counts> {
  const byValue = new Map<string, Counts>();
  for (const row of rows) {
    let counts = byValue.get(row.value);
    if (!counts) byValue.set(row.value, (counts = new Map()));
    let cohort = counts.get(row.cohort_ms);
    if (!cohort) counts.set(row.cohort_ms, (cohort = { size: 0, retained: new Array<number>(periods).fill(0) }));
    if (row.k < 0) cohort.size += row.persons;
    else cohort.retained[row.k] = (cohort.retained[row.k] ?? 0) + row.persons;
  }
  return byValue;
}

/** Adds `b` into `a`: entries are distinct persons per cohort and value, so counts of values add up exactly. */
function addCounts(a: Counts, b: Counts): void {
  for (const [cohort, { size, retained }] of b) {
    const into = a.get(cohort);
    if (!into) a.set(cohort, { size, retained: [...retained] });
    else {
      into.size += size;
      retained.forEach((n, k) => (into.retained[k] = (into.retained[k] ?? 0) + n));
    }
  }
}

const totalSize = (counts: Counts): number => [...counts.values()].reduce((n, c) => n + c.size, 0);

/** The top `limit` values by cohort entries (ties by name), the rest summed as "Other". */
export function topValues(byValue: Map<string, Counts>, limit: number): [string, Counts][] {
  const ranked = [...byValue]
    .map(([value, counts]) => [value === '' ? NONE : value, counts] as [string, Counts])
    .sort((a, b) => totalSize(b[1]) - totalSize(a[1]) || a[0].localeCompare(b[0]));
  const top = ranked.slice(0, limit);
  if (ranked.length > limit) {
    const other: Counts = new Map();
    for (const [, counts] of ranked.slice(limit)) addCounts(other, counts);
    top.push([OTHER, other]);
  }
  return top;
}

function cohortsOf(counts: Counts, plan: RetentionPlan): RetentionCohort[] {
  return plan.cohorts.map((start) => {
    const found = counts.get(start) ?? { size: 0, retained: [] };
    const values: RetentionValue[] = [];
    for (let k = 0; k < plan.periods; k++) {
      if (addDuration(start, { value: k, unit: plan.period }) >= plan.now) break;
      const persons = found.retained[k] ?? 0;
      values.push({
        persons,
        rate: found.size === 0 ? null : persons / found.size,
        complete: addDuration(start, { value: k + 1, unit: plan.period }) <= plan.now,
      });
    }
    return { period: new Date(start).toISOString(), size: found.size, values };
  });
}

/** Young cohorts join the average only for the periods they have finished, so they never read as churn. */
export function averageCurve(cohorts: readonly RetentionCohort[], periods: number): AveragePoint[] {
  return Array.from({ length: periods }, (_, k) => {
    let persons = 0;
    let size = 0;
    let count = 0;
    for (const cohort of cohorts) {
      const value = cohort.values[k];
      if (!value?.complete || cohort.size === 0) continue;
      persons += value.persons;
      size += cohort.size;
      count += 1;
    }
    return { period: k, rate: size === 0 ? null : persons / size, persons, size, cohorts: count };
  });
}

export function retentionResult(
  plan: RetentionPlan,
  rows: readonly RetentionRow[],
  breakdown?: { property: string; on?: 'event' | 'person'; limit?: number },
): RetentionResult {
  const byValue = countsByValue(rows, plan.periods);
  const all: Counts = new Map();
  for (const counts of byValue.values()) addCounts(all, counts);
  const cohorts = cohortsOf(all, plan);
  const result: RetentionResult = {
    type: plan.type,
    mode: plan.mode,
    period: plan.period,
    periods: plan.periods,
    range: { from: new Date(plan.range.from).toISOString(), to: new Date(plan.range.to).toISOString() },
    cohorts,
    average: averageCurve(cohorts, plan.periods),
  };
  if (breakdown) {
    result.breakdown = {
      property: breakdown.property,
      on: breakdown.on ?? 'event',
      values: topValues(byValue, breakdown.limit ?? DEFAULT_RETENTION_BREAKDOWN_LIMIT).map(([value, counts]) => {
        const valueCohorts = cohortsOf(counts, plan);
        return { value, cohorts: valueCohorts, average: averageCurve(valueCohorts, plan.periods) };
      }),
    };
  }
  return result;
}
