// Export schedules run by croner: runs are logged with what they wrote; a schedule whose directory cannot be
// written fails, is logged and reported, and neither stops the scheduler nor the other schedules.

import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SegmentCall } from '../core/event.js';
import type { Engine } from '../engine.js';
import { openTestEngine } from '../test-support/engine.js';
import { event } from '../test-support/events.js';
import { testDir } from '../test-support/stores.js';
import { listExportRuns, saveExportSchedule } from './export-schedule.js';
import { ExportScheduler } from './export-scheduler.js';
import { dropScratchTables, scratchTable } from './scratch-tables.js';

let engine: Engine;
let scheduler: ExportScheduler;
const errors: string[] = [];

beforeAll(async () => {
  engine = await openTestEngine();
  await engine.state.projects.create({ id: 'sched', name: 'Sched', now: Date.now() });
  scheduler = new ExportScheduler({
    warehouse: engine.warehouse,
    state: engine.state,
    onError: (message) => errors.push(message),
    exportOptions: { settleMs: 0 },
  });
  // A scratch table an export left when its process died: dropped when the scheduler starts.
  await engine.warehouse.command(`CREATE TABLE ${scratchTable(engine.warehouse, 'rows')} (x UInt8) ENGINE = Memory`);
  await scheduler.start();
});
afterAll(async () => {
  await scheduler.stop();
  await engine.close();
});

async function receive(ids: string[]): Promise<void> {
  const calls = ids.map(
    (messageId) => ({ type: 'track', messageId, userId: `u-${messageId}`, event: 'Signed Up' }) as SegmentCall,
  );
  await engine.ingest.accept(
    'sched',
    calls.map((c) => event('sched', c, Date.now() - 1_000)),
  );
  await engine.ingest.drain();
}

const until = async (check: () => Promise<boolean>, ms: number): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('export scheduler', () => {
  it('starts clean: no scratch tables of earlier exports are left', async () => {
    expect(await dropScratchTables(engine.warehouse)).toBe(0);
  });

  it('a run now writes what is new; the next run only what came since', async () => {
    const dir = mkdtempSync(join(testDir(), 'scheduled-'));
    const schedule = await saveExportSchedule(
      engine.state.definitions,
      'sched',
      { id: 'nightly', cron: '0 2 * * *', timezone: 'Europe/Berlin', dir, tables: ['events', 'profiles'] },
      { replace: false },
    );
    await receive(['m1', 'm2']);
    const first = await scheduler.run('sched', schedule);
    expect(first).toMatchObject({ status: 'ok' });
    expect(first.results.map((r) => [r.table, r.file, r.rows])).toEqual([
      ['events', 'events-000001.jsonl', 2],
      ['profiles', 'profiles-000001.jsonl', 2],
    ]);
    await receive(['m3']);
    const second = await scheduler.run('sched', schedule);
    expect(second.results.map((r) => [r.table, r.file, r.rows])).toEqual([
      ['events', 'events-000002.jsonl', 1],
      ['profiles', 'profiles-000002.jsonl', 1],
    ]);
    const runs = await listExportRuns(engine.state.definitions, 'sched', 'nightly');
    expect(runs.map((r) => r.startedAt)).toEqual([second.startedAt, first.startedAt]);
  });

  it('keeps running on its cron when a directory fails, and so do the other schedules', async () => {
    const blocker = join(mkdtempSync(join(testDir(), 'blocked-')), 'a-file');
    writeFileSync(blocker, 'not a directory');
    const good = mkdtempSync(join(testDir(), 'every-second-'));
    const store = engine.state.definitions;
    await saveExportSchedule(
      store,
      'sched',
      { id: 'broken', cron: '* * * * * *', dir: join(blocker, 'x') },
      { replace: false },
    );
    await saveExportSchedule(
      store,
      'sched',
      { id: 'fine', cron: '* * * * * *', dir: good, tables: ['events'], format: 'csv' },
      { replace: false },
    );
    await scheduler.sync('sched');
    expect(Object.keys(scheduler.nextRuns()).sort()).toEqual(['sched/broken', 'sched/fine', 'sched/nightly']);
    await until(async () => (await listExportRuns(store, 'sched', 'broken')).length >= 2, 10_000);
    await until(async () => (await listExportRuns(store, 'sched', 'fine')).length >= 1, 10_000);

    const broken = await listExportRuns(store, 'sched', 'broken');
    expect(broken[0]).toMatchObject({ status: 'failed', error: { table: 'events' } });
    expect(broken[0]?.error?.message).toContain(blocker);
    expect(errors.some((e) => e.includes('"broken"'))).toBe(true);
    const fine = await listExportRuns(store, 'sched', 'fine');
    expect(fine.every((r) => r.status === 'ok')).toBe(true);
    expect(readdirSync(good)).toContain('events-000001.csv');

    // New events after that reach the good directory on a later tick, while the broken one keeps failing.
    await receive(['m4']);
    await until(async () => readdirSync(good).includes('events-000002.csv'), 10_000);
    await scheduler.sync('sched');
    // Paused schedules are not scheduled.
    await saveExportSchedule(
      store,
      'sched',
      { cron: '* * * * * *', dir: good, tables: ['events'], enabled: false },
      { id: 'fine', replace: true },
    );
    await scheduler.sync('sched');
    expect(Object.keys(scheduler.nextRuns()).sort()).toEqual(['sched/broken', 'sched/nightly']);
  });

  it('checks a schedule and names the field at fault', async () => {
    const save = (body: unknown) => saveExportSchedule(engine.state.definitions, 'sched', body, { replace: false });
    await expect(save({ cron: 'every day', dir: '/tmp/x' })).rejects.toMatchObject({ field: 'cron' });
    await expect(save({ cron: '0 2 * * *', dir: 'relative/dir' })).rejects.toMatchObject({ field: 'dir' });
    await expect(save({ cron: '0 2 * * *', dir: '/tmp/x', timezone: 'Mars/Olympus' })).rejects.toMatchObject({
      field: 'timezone',
    });
    await expect(save({ cron: '0 2 * * *', dir: '/tmp/x', tables: ['orders'] })).rejects.toMatchObject({
      field: 'tables[0]',
    });
    await expect(save({ cron: '0 2 * * *', dir: '/tmp/x', tables: [] })).rejects.toMatchObject({ field: 'tables' });
    await expect(save({ dir: '/tmp/x' })).rejects.toMatchObject({ field: 'cron' });
    await expect(save({ cron: '0 2 * * *', dir: '/tmp/x', format: 'xlsx' })).rejects.toMatchObject({ field: 'format' });
    await expect(save({ cron: '0 2 * * *', dir: '/tmp/x', every: 'day' })).rejects.toMatchObject({ field: 'every' });
    await expect(save({ id: 'nightly', cron: '0 2 * * *', dir: '/tmp/x' })).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});
