// The weekly report's shape: every number, test and sentence it holds, as the JSON format gives it. The builder
// (weekly.ts) fills it; the sections (sections.ts), actions (actions.ts) and renderers read it.

import type { StateStore } from '../state/state-store.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { ChangeTest, KpiUnit } from './findings.js';

export const REPORT_VERSION = 1;

export interface Kpi {
  id: string;
  label: string;
  unit: KpiUnit;
  current: number | null;
  previous: number | null;
  /** The average of the four weeks before the report's week. */
  average4: number | null;
  /** The test of current against previous (p adjusted across the headline numbers); null when untestable. */
  test: ChangeTest | null;
  significant: boolean;
  /** The change in words, for significant changes only. */
  sentence: string | null;
  /** What was tested, when it is not the number itself ("revenue per visitor"). */
  testedAs?: string;
}

export interface FunnelSection {
  id: string;
  name: string;
  source: 'saved' | 'default';
  steps: { name: string; current: number; previous: number }[];
  conversion: { current: number | null; previous: number | null; average4: number | null; p: number | null };
  hotspot: {
    step: number;
    stepName: string;
    previousStepName: string;
    /** Share of persons at the previous step lost at this one. */
    loss: number;
    previousLoss: number | null;
    lost: number;
    p: number | null;
    overRepresented: { dimension: string; value: string; lift: number | null; p: number; share: number }[];
  } | null;
}

export interface GroupRow {
  value: string;
  visitors: number;
  previousVisitors: number;
  conversion: number | null;
  previousConversion: number | null;
  revenue: number;
  previousRevenue: number;
  /** Two-proportion test of the conversion change. */
  p: number | null;
}

export interface GroupSection {
  dimension: 'channel' | 'campaign';
  rows: GroupRow[];
  /** Largest revenue gain and loss against the previous week. */
  best: string | null;
  worst: string | null;
}

export interface SegmentRow {
  id: string;
  name: string;
  size: number;
  previousSize: number;
  entered: number;
  exited: number;
  revenuePerPerson: number | null;
}

export interface StageRow {
  name: string;
  current: number;
  previous: number;
  conversionToNext: number | null;
  previousConversionToNext: number | null;
}

export interface ExperimentRow {
  id: string;
  name: string;
  status: 'running' | 'stopped';
  persons: number;
  srm: { ok: boolean; p: number } | null;
  primary: string | null;
  variants: {
    variant: string;
    lift: number | null;
    interval: [number, number] | null;
    p: number | null;
    chanceToWin: number | null;
  }[];
  recommendation: { action: string; variant?: string; reason: string } | null;
}

export interface Action {
  text: string;
  /** The finding it rests on, in words. */
  evidence: string;
}

export interface WeeklyReport {
  version: number;
  project: { id: string; name: string; timeZone: string };
  week: string;
  range: { from: string; to: string };
  previousWeek: string;
  generatedAt: string;
  currency: string | null;
  kpis: Kpi[];
  /** The biggest significant changes first, as sentences; `noise` names the numbers that moved without evidence. */
  changes: { significant: string[]; noise: string[] };
  daily: {
    day: string;
    visitors: number;
    orders: number;
    revenue: number;
    previousVisitors: number;
    previousOrders: number;
    previousRevenue: number;
  }[];
  funnels: FunnelSection[];
  channels: GroupSection[];
  segments: SegmentRow[];
  stages: StageRow[];
  experiments: ExperimentRow[];
  actions: Action[];
}

export interface WeeklyReportOptions {
  projectId: string;
  /** ISO week, `2026-W47`; default the last complete week in the project's time zone. */
  week?: string;
  /** The clock (default Date.now). */
  now?: number;
}

export interface ReportSources {
  warehouse: Warehouse;
  state: StateStore;
}
