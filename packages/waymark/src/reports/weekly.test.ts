// The weekly report on a small scenario whose numbers are worked out by hand: two weeks of a shop (2026-W45 and
// 2026-W46, UTC), a cohort from October, a segment's recorded membership and a saved funnel.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveInsight } from '../insights/saved.js';
import { saveSegment } from '../segments/segments.js';
import { loadScenario, type ScenarioCall } from '../test-support/scenario.js';
import { openTestStores, type TestStores } from '../test-support/stores.js';
import { archivedReport, formatReport, renderedReport, reportArchive, weeklyReport } from './index.js';
import { buildWeeklyReport, type WeeklyReport } from './weekly.js';

const P = 'weekly';
const START = Date.parse('2026-11-02T09:00:00Z'); // Monday of 2026-W45, 09:00
const DAY = 1440; // minutes
const W46 = 7 * DAY;
const NOW = Date.parse('2026-11-18T12:00:00Z'); // Wednesday of W47: W46 is the last complete week

const funnelOf = (
  who: { userId?: string; anonymousId?: string },
  at: number,
  steps: number,
  revenue = 0,
): ScenarioCall[] =>
  ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed'].slice(0, steps).map((event, i) => ({
    type: 'track',
    ...who,
    event,
    properties: event === 'Order Completed' ? { revenue, currency: 'EUR' } : {},
    at: at + i * 10,
  }));

const entered = (userId: string, at: number, exited = false): ScenarioCall => ({
  type: 'track',
  userId,
  event: exited ? 'Segment Exited' : 'Segment Entered',
  properties: { segment_id: 'vip' },
  at,
});

const calls: ScenarioCall[] = [
  // An October cohort: r comes back in W46, s never does.
  { type: 'page', anonymousId: 'r', name: 'Home', at: -13 * DAY },
  { type: 'page', anonymousId: 's', name: 'Home', at: -12 * DAY },
  // W45: a buys (100); b adds to cart; c and d only look. a and b are signed in.
  ...funnelOf({ userId: 'a' }, 0, 4, 100),
  ...funnelOf({ userId: 'b' }, DAY, 2),
  ...funnelOf({ anonymousId: 'c' }, 2 * DAY, 1),
  ...funnelOf({ anonymousId: 'd' }, 3 * DAY, 1),
  entered('a', 60),
  // W46: a buys again (50), e (signed in) and f buy for the first time (150, 100); g adds; h looks; r returns.
  ...funnelOf({ userId: 'a' }, W46, 4, 50),
  ...funnelOf({ userId: 'e' }, W46 + DAY, 4, 150),
  ...funnelOf({ anonymousId: 'f' }, W46 + 2 * DAY, 4, 100),
  ...funnelOf({ anonymousId: 'g' }, W46 + 3 * DAY, 2),
  ...funnelOf({ anonymousId: 'h' }, W46 + 4 * DAY, 1),
  { type: 'page', anonymousId: 'r', name: 'Home', at: W46 + 5 * DAY },
  entered('e', W46 + DAY + 60),
  entered('a', W46 + 2 * DAY, true),
];

let stores: TestStores;
let report: WeeklyReport;

beforeAll(async () => {
  stores = await openTestStores();
  await stores.state.projects.create({ id: P, name: 'Scenario shop', now: START });
  await loadScenario(stores, P, calls, START);
  const buyers = { aggregate: { event: 'Order Completed', measure: 'count', op: 'gte', value: 1 } };
  await saveSegment(stores.state.definitions, P, { id: 'vip', name: 'VIPs', condition: buyers }, START, {
    replace: false,
  });
  report = await weeklyReport(stores, { projectId: P, now: NOW });
}, 60_000);
afterAll(() => stores.close());

const kpi = (id: string) => report.kpis.find((k) => k.id === id)!;

describe('weekly report', () => {
  it('reports the last complete week by default', () => {
    expect(report.week).toBe('2026-W46');
    expect(report.previousWeek).toBe('2026-W45');
    expect(report.range).toEqual({ from: '2026-11-09T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z' });
    expect(report.currency).toBe('EUR');
  });

  it('counts the headline numbers of both weeks', () => {
    expect([kpi('visitors').current, kpi('visitors').previous]).toEqual([6, 4]); // a e f g h r | a b c d
    expect([kpi('identified').current, kpi('identified').previous]).toEqual([2, 2]); // a e | a b
    expect([kpi('new_customers').current, kpi('new_customers').previous]).toEqual([2, 1]); // e f | a
    expect([kpi('orders').current, kpi('orders').previous]).toEqual([3, 1]);
    expect([kpi('revenue').current, kpi('revenue').previous]).toEqual([300, 100]);
    expect([kpi('aov').current, kpi('aov').previous]).toEqual([100, 100]);
    // The 4-week average runs over W42-W45: W43 had r and s, W44 nobody, W45 four visitors.
    expect(kpi('visitors').average4).toBe((0 + 2 + 0 + 4) / 4);
  });

  it("measures retention of last month's new visitors", () => {
    // W46's cohort: first seen 5 to 1 weeks before W46 (5 Oct - 2 Nov): r and s; r came back.
    expect(kpi('retention').current).toBe(0.5);
    // W45's cohort (28 Sep - 26 Oct) is r and s too; neither was active in W45.
    expect(kpi('retention').previous).toBe(0);
  });

  it('tests each change and calls out only significant ones, in words', () => {
    for (const k of report.kpis) {
      if (k.test === null) continue;
      expect(k.significant).toBe(k.test.p < 0.05 && k.current !== k.previous);
      if (k.significant) expect(k.sentence).toMatch(/ (rose|fell) from .* to .*, p [=<] /);
      else expect(k.sentence).toBeNull();
    }
    expect(kpi('visitors').test?.method).toBe('poisson');
    expect(kpi('revenue').test?.method).toBe('welch');
    expect(kpi('aov').test).toBeNull(); // one order last week: no variance to test against
    expect(kpi('retention').test?.method).toBe('two-proportion');
    // Tiny numbers: nothing here is beyond chance.
    expect(report.changes.significant).toEqual([]);
    expect(report.changes.noise.some((n) => n.startsWith('Visitors (+50.0%'))).toBe(true);
  });

  it('runs the default purchase funnel and finds its hotspot', () => {
    const [f] = report.funnels;
    expect(f?.source).toBe('default');
    expect(f?.steps.map((s) => [s.current, s.previous])).toEqual([
      [5, 4],
      [4, 2],
      [3, 1],
      [3, 1],
    ]);
    expect(f?.conversion.current).toBe(3 / 5);
    expect(f?.conversion.previous).toBe(1 / 4);
    // This week's largest loss: 5 viewed, 4 added (20%); 4 added, 3 checked out (25%): the checkout step.
    expect(f?.hotspot).toMatchObject({ step: 2, stepName: 'Checkout Started', lost: 1, loss: 0.25, previousLoss: 0.5 });
  });

  it('splits visitors by channel so that they add up', () => {
    const channels = report.channels.find((c) => c.dimension === 'channel')!;
    expect(channels.rows.reduce((s, r) => s + r.visitors, 0)).toBe(6);
    expect(channels.rows.reduce((s, r) => s + r.previousVisitors, 0)).toBe(4);
  });

  it("reads segments' recorded membership", () => {
    expect(report.segments).toEqual([
      { id: 'vip', name: 'VIPs', size: 1, previousSize: 1, entered: 1, exited: 1, revenuePerPerson: 150 },
    ]);
  });

  it('reports journey stages for both weeks', () => {
    expect(report.stages.length).toBeGreaterThan(0);
    const purchase = report.stages.find((s) => s.name === 'purchase');
    expect(purchase).toBeDefined();
  });

  it('uses saved funnels when there are some', async () => {
    await saveInsight(
      stores.state.definitions,
      P,
      {
        name: 'Cart to order',
        analysis: 'funnel',
        spec: { steps: [{ event: 'Product Added' }, { event: 'Order Completed' }] },
      },
      NOW,
      { replace: false },
    );
    const r = await buildWeeklyReport(stores, { projectId: P, week: '2026-W46', now: NOW });
    expect(r.funnels.map((f) => [f.name, f.source, f.conversion.current, f.conversion.previous])).toEqual([
      ['Cart to order', 'saved', 3 / 4, 1 / 2],
    ]);
    expect(r.kpis.some((k) => k.label === 'Cart to order conversion')).toBe(true);
  });

  it('keeps every report in the archive', async () => {
    expect((await reportArchive(stores.state.definitions, P)).map((a) => a.week)).toContain('2026-W46');
    expect((await archivedReport(stores.state.definitions, P, '2026-W46')).week).toBe('2026-W46');
    await expect(archivedReport(stores.state.definitions, P, '2026-W01')).rejects.toThrow(/no archived report/);
  });

  it('refuses weeks that have not started and names a bad week', async () => {
    await expect(buildWeeklyReport(stores, { projectId: P, week: '2026-W50', now: NOW })).rejects.toThrow(
      /not started/,
    );
    await expect(buildWeeklyReport(stores, { projectId: P, week: 'W46', now: NOW })).rejects.toMatchObject({
      field: 'week',
    });
    await expect(buildWeeklyReport(stores, { projectId: 'nope', now: NOW })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('report formats', () => {
  it('renders e-mail-safe HTML: inline styles, no scripts, charts as cid images that exist', () => {
    const m = renderedReport(report);
    expect(m.subject).toContain('Scenario shop: week 2026-W46');
    expect(m.html).not.toMatch(/<script|<style|<link|javascript:/i);
    const cids = [...m.html.matchAll(/src="cid:([^"]+)"/g)].map((x) => x[1]);
    expect(cids.length).toBeGreaterThan(0);
    expect(new Set(cids)).toEqual(new Set(m.images.map((i) => i.cid)));
    for (const image of m.images) expect(image.content.subarray(1, 4).toString()).toBe('PNG');
    // The numbers are in tables too.
    expect(m.html).toContain('300.00 EUR');
    expect(m.text).toContain('| Visitors | 6 | 4 |');
  });

  it('writes Markdown, JSON and self-contained HTML', async () => {
    const md = String(await formatReport(report, 'md'));
    expect(md).toMatch(/^# Scenario shop: week 2026-W46/);
    expect(md).toContain('## Funnels and drop-off hotspots');
    expect(JSON.parse(String(await formatReport(report, 'json')))).toEqual(report);
    const html = String(await formatReport(report, 'html'));
    expect(html).toContain('src="data:image/png;base64,');
    expect(html).not.toContain('cid:');
  });

  it('says how to get PDF output when Chromium is missing', async () => {
    const saved = process.env['WAYMARK_CHROMIUM'];
    process.env['WAYMARK_CHROMIUM'] = '/nonexistent/chromium';
    try {
      await expect(formatReport(report, 'pdf')).rejects.toThrow(/need Chromium: install it/);
    } finally {
      if (saved === undefined) delete process.env['WAYMARK_CHROMIUM'];
      else process.env['WAYMARK_CHROMIUM'] = saved;
    }
  });

  it('prints a PDF with Chromium', async ({ skip }) => {
    const { chromiumPath } = await import('./render-pdf.js');
    if (!chromiumPath()) skip('Chromium is not installed (.ci/run installs it)');
    const pdf = await formatReport(report, 'pdf');
    expect(Buffer.isBuffer(pdf)).toBe(true);
    expect((pdf as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});
