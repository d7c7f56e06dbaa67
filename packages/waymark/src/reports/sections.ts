// The report's sections beyond the headline numbers: key funnels and their drop-off hotspots, channels and
// campaigns, segments, journey stages and experiments. Each reads the warehouse through the analyses the API runs.

import { dropOffAnalysis, type DropOffResult } from '../analytics/funnels/drop-off.js';
import { funnelAnalysis, type FunnelResult } from '../analytics/funnels/funnel.js';
import type { FunnelSpec } from '../analytics/funnels/funnel-spec.js';
import { stagesAnalysis } from '../analytics/stages/stages.js';
import type { AnalysisContext } from '../analytics/analysis.js';
import { INSIGHT_KIND, listSaved, type Insight } from '../insights/saved.js';
import { listExperiments } from '../personalization/definitions.js';
import { experimentResults } from '../personalization/results.js';
import { listSegments } from '../segments/segments.js';
import type { StateStore } from '../state/state-store.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { mean, ratio, testChange, type Sample } from './findings.js';
import type { WeekRange } from './iso-week.js';
import type { ExperimentRow, FunnelSection, GroupRow, GroupSection, SegmentRow, StageRow } from './report-model.js';
import { segmentWeeks, type GroupWeek } from './weekly-sql.js';

/** Saved funnels beyond this many are left out of the report (the first ones by id). */
const MAX_FUNNELS = 5;
const MAX_GROUPS = 8;

const iso = (t: number) => new Date(t).toISOString();

/** The main funnel when a project has saved none: the Segment e-commerce spec's path to purchase. */
export const DEFAULT_FUNNEL: FunnelSpec = funnelAnalysis.parse({
  steps: [
    { event: 'Product Viewed' },
    { event: 'Product Added' },
    { event: 'Checkout Started' },
    { event: 'Order Completed', name: 'Purchase' },
  ],
  window: { value: 7, unit: 'day' },
});

export async function funnelSections(
  warehouse: Warehouse,
  state: StateStore,
  projectId: string,
  weeks: WeekRange[],
  asOf: (w: WeekRange) => number,
): Promise<{ section: FunnelSection; samples: [Sample, Sample] | null }[]> {
  const saved = (await listSaved<Insight>(state.definitions, projectId, INSIGHT_KIND))
    .filter((i) => i.analysis === 'funnel')
    .slice(0, MAX_FUNNELS);
  const chosen: { id: string; name: string; source: 'saved' | 'default'; spec: FunnelSpec }[] =
    saved.length > 0
      ? saved.map((i) => ({ id: i.id, name: i.name, source: 'saved', spec: funnelAnalysis.parse(i.spec) }))
      : [{ id: 'purchase', name: 'Purchase funnel', source: 'default', spec: DEFAULT_FUNNEL }];
  const out: { section: FunnelSection; samples: [Sample, Sample] | null }[] = [];
  for (const f of chosen) {
    const spec = (w: WeekRange): FunnelSpec => ({
      ...f.spec,
      range: { from: iso(w.from), to: iso(w.to) },
      breakdown: undefined,
    });
    const results: FunnelResult[] = [];
    for (const w of weeks) {
      const ctx: AnalysisContext = { warehouse, now: () => asOf(w), definitions: state.definitions };
      results.push(await funnelAnalysis.run(ctx, projectId, spec(w)));
    }
    const entered = (r: FunnelResult) => r.steps[0]?.count ?? 0;
    const completed = (r: FunnelResult) => r.steps[r.steps.length - 1]?.count ?? 0;
    const conv = results.map((r) => ratio(completed(r), entered(r)));
    const [cur, prev] = [results[4]!, results[3]!];
    if (entered(cur) === 0 && entered(prev) === 0 && f.source === 'default') continue; // not a shop: no funnel
    const section: FunnelSection = {
      id: f.id,
      name: f.name,
      source: f.source,
      steps: cur.steps.map((s, i) => ({ name: s.name, current: s.count, previous: prev.steps[i]?.count ?? 0 })),
      conversion: { current: conv[4]!, previous: conv[3]!, average4: mean(conv.slice(0, 4)), p: null },
      hotspot: await hotspot(warehouse, state, projectId, spec(weeks[4]!), cur, prev, asOf(weeks[4]!)),
    };
    out.push({
      section,
      samples: [
        { kind: 'proportion', successes: completed(cur), trials: entered(cur) },
        { kind: 'proportion', successes: completed(prev), trials: entered(prev) },
      ],
    });
  }
  return out;
}

/** The step with the largest loss this week, how its loss moved, and who is over-represented among those lost. */
async function hotspot(
  warehouse: Warehouse,
  state: StateStore,
  projectId: string,
  spec: FunnelSpec,
  cur: FunnelResult,
  prev: FunnelResult,
  now: number,
): Promise<FunnelSection['hotspot']> {
  let best = -1;
  let bestLoss = -1;
  cur.steps.forEach((s, i) => {
    if (i === 0) return;
    const before = cur.steps[i - 1]!.count;
    const loss = before > 0 ? (before - s.count) / before : 0;
    if (before > 0 && loss > bestLoss) [best, bestLoss] = [i, loss];
  });
  if (best < 1) return null;
  const before = cur.steps[best - 1]!;
  const prevBefore = prev.steps[best - 1]?.count ?? 0;
  const prevAt = prev.steps[best]?.count ?? 0;
  const lost = before.count - cur.steps[best]!.count;
  const test = testChange(
    { kind: 'proportion', successes: lost, trials: before.count },
    { kind: 'proportion', successes: prevBefore - prevAt, trials: prevBefore },
  );
  let drop: DropOffResult | null = null;
  try {
    const ctx: AnalysisContext = { warehouse, now: () => now, definitions: state.definitions };
    drop = await dropOffAnalysis.run(ctx, projectId, dropOffAnalysis.parse({ ...spec, step: best }));
  } catch {
    drop = null; // the hotspot still stands without its drill-down
  }
  return {
    step: best,
    stepName: cur.steps[best]!.name,
    previousStepName: before.name,
    loss: bestLoss,
    previousLoss: ratio(prevBefore - prevAt, prevBefore),
    lost,
    p: test?.p ?? null,
    overRepresented: (drop?.overRepresented ?? [])
      // Most excess first: a large group somewhat over-represented explains more of the loss than a tiny one.
      .filter((o) => o.significant && (o.lift ?? 0) > 1)
      .sort((a, b) => b.shareOfDropped - b.shareOfReached - (a.shareOfDropped - a.shareOfReached))
      .slice(0, 3)
      .map((o) => ({ dimension: o.dimension, value: o.value, lift: o.lift, p: o.p, share: o.shareOfDropped })),
  };
}

export function groupSection(dimension: 'channel' | 'campaign', weeks: GroupWeek[][]): GroupSection {
  const [prev, cur] = [weeks[0] ?? [], weeks[1] ?? []];
  const values = new Set([...cur, ...prev].map((g) => g.value));
  const rows: GroupRow[] = [...values].map((value) => {
    const c = cur.find((g) => g.value === value) ?? { visitors: 0, converted: 0, revenue: 0 };
    const p = prev.find((g) => g.value === value) ?? { visitors: 0, converted: 0, revenue: 0 };
    const test = testChange(
      { kind: 'proportion', successes: c.converted, trials: c.visitors },
      { kind: 'proportion', successes: p.converted, trials: p.visitors },
    );
    return {
      value,
      visitors: c.visitors,
      previousVisitors: p.visitors,
      conversion: ratio(c.converted, c.visitors),
      previousConversion: ratio(p.converted, p.visitors),
      revenue: c.revenue,
      previousRevenue: p.revenue,
      p: test?.p ?? null,
    };
  });
  rows.sort((a, b) => b.visitors - a.visitors || a.value.localeCompare(b.value));
  const shown = rows.filter((r) => !(dimension === 'campaign' && r.value === '(none)')).slice(0, MAX_GROUPS);
  const moved = [...shown].sort((a, b) => b.revenue - b.previousRevenue - (a.revenue - a.previousRevenue));
  const best = moved[0] && moved[0].revenue > moved[0].previousRevenue ? moved[0].value : null;
  const last = moved[moved.length - 1];
  const worst = last && last.revenue < last.previousRevenue ? last.value : null;
  return { dimension, rows: shown, best, worst };
}

export async function segmentRows(
  warehouse: Warehouse,
  state: StateStore,
  projectId: string,
  week: WeekRange,
): Promise<SegmentRow[]> {
  const saved = await listSegments(state.definitions, projectId);
  const moves = await segmentWeeks(
    warehouse,
    projectId,
    saved.map((s) => s.id),
    week.from,
    week.to,
  );
  return saved.map((s, i) => {
    const m = moves[i]!;
    return {
      id: s.id,
      name: s.name,
      size: m.size,
      previousSize: m.previousSize,
      entered: m.entered,
      exited: m.exited,
      revenuePerPerson: ratio(m.revenue, m.size),
    };
  });
}

export async function stageRows(
  warehouse: Warehouse,
  state: StateStore,
  projectId: string,
  current: WeekRange,
  previous: WeekRange,
  asOf: (w: WeekRange) => number,
): Promise<StageRow[]> {
  const run = (w: WeekRange) =>
    stagesAnalysis.run(
      { warehouse, now: () => asOf(w), definitions: state.definitions },
      projectId,
      stagesAnalysis.parse({ range: { from: iso(w.from), to: iso(w.to) } }),
    );
  const [cur, prev] = [await run(current), await run(previous)];
  return cur.stages.map((s, i) => ({
    name: s.name,
    current: s.current,
    previous: prev.stages[i]?.current ?? 0,
    conversionToNext: s.conversionToNext,
    previousConversionToNext: prev.stages[i]?.conversionToNext ?? null,
  }));
}

export async function experimentRows(
  warehouse: Warehouse,
  state: StateStore,
  projectId: string,
  week: WeekRange,
  now: number,
): Promise<ExperimentRow[]> {
  const all = await listExperiments(state.definitions, projectId);
  const rows: ExperimentRow[] = [];
  for (const e of all) {
    const started = e.start ? Date.parse(e.start) : null;
    const stopped = e.stop ? Date.parse(e.stop) : null;
    // Running during the week, or finished within it.
    const running = e.status === 'running' && started !== null && started < week.to;
    const finished = e.status === 'stopped' && stopped !== null && stopped >= week.from && stopped < week.to;
    if (!running && !finished) continue;
    const report = await experimentResults(warehouse, projectId, e, Math.min(now, stopped ?? now));
    const a = report.analysis;
    const primary = a?.metrics[0];
    const difference = a?.difference ?? 'relative';
    rows.push({
      id: e.id,
      name: e.name,
      status: running ? 'running' : 'stopped',
      persons: report.exposures.reduce((s, x) => s + x.persons, 0),
      srm: a ? { ok: !a.srm.mismatch, p: a.srm.pValue } : null,
      primary: primary?.name ?? null,
      variants: (primary?.variants ?? []).map((v) => {
        const lift = v[difference];
        return {
          variant: v.arm,
          lift: lift?.estimate ?? null,
          interval: lift?.interval ?? null,
          p: v.adjustedPValue ?? v.pValue ?? null,
          chanceToWin: v.chanceToWin ?? null,
        };
      }),
      recommendation: a?.recommendation ?? null,
    });
  }
  return rows;
}
