// Incremental exports into a directory: each run writes only what arrived (events) or changed (profiles) since the
// last one, as a new numbered file, and keeps the watermark in the directory's manifest.

import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SegmentCall } from '../core/event.js';
import type { Engine } from '../engine.js';
import { openTestEngine } from '../test-support/engine.js';
import { event } from '../test-support/events.js';
import { testDir } from '../test-support/stores.js';
import { exportIncrementally, readManifest, type IncrementalExportOptions } from './incremental.js';

let engine: Engine;
const T1 = Date.parse('2026-11-30T10:00:00.000Z');
const T2 = T1 + 3_600_000;

beforeAll(async () => {
  engine = await openTestEngine();
  for (const id of ['inc', 'prof', 'other']) await engine.state.projects.create({ id, name: id, now: Date.now() });
});
afterAll(() => engine.close());

const newDir = (): string => mkdtempSync(join(testDir(), 'incremental-'));

const track = (messageId: string, userId: string, name = 'Product Viewed'): SegmentCall =>
  ({ type: 'track', messageId, userId, event: name, timestamp: new Date(T1 - 60_000).toISOString() }) as SegmentCall;

/** Stores calls as received at `receivedAt`, and waits until they are in the warehouse. */
async function receive(projectId: string, receivedAt: number, calls: SegmentCall[]): Promise<void> {
  await engine.ingest.accept(
    projectId,
    calls.map((c) => event(projectId, c, receivedAt)),
  );
  await engine.ingest.drain();
}

const lines = (path: string): Record<string, unknown>[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const run = (options: Partial<IncrementalExportOptions> & { dir: string }) =>
  exportIncrementally(engine, { projectId: 'inc', table: 'events', format: 'jsonl', settleMs: 0, ...options });

describe('incremental exports', () => {
  it('two runs with new events between them: the second file holds only the new ones', async () => {
    const dir = newDir();
    await receive('inc', T1, [track('a1', 'u1'), track('a2', 'u2'), track('a3', 'u1', 'Order Completed')]);
    const first = await run({ dir, now: T1 + 60_000 });
    expect(first).toMatchObject({ file: 'events-000001.jsonl', rows: 3 });
    expect(lines(join(dir, 'events-000001.jsonl')).map((l) => l['messageId'])).toEqual(['a1', 'a2', 'a3']);

    await receive('inc', T2, [track('b1', 'u3'), track('b2', 'u1')]);
    const second = await run({ dir, now: T2 + 60_000 });
    expect(second).toMatchObject({ file: 'events-000002.jsonl', rows: 2 });
    expect(lines(join(dir, 'events-000002.jsonl')).map((l) => l['messageId'])).toEqual(['b1', 'b2']);
    expect(lines(join(dir, 'events-000002.jsonl'))[0]).toMatchObject({ userId: 'u3', event: 'Product Viewed' });

    // Nothing new: no file, the manifest as it was.
    const before = await readManifest(dir);
    expect(await run({ dir, now: T2 + 120_000 })).toMatchObject({ file: null, rows: 0 });
    expect(await readManifest(dir)).toEqual(before);
    expect(before?.tables.events).toMatchObject({
      sequence: 2,
      watermark: { receivedAt: new Date(T2).toISOString(), messageId: 'b2' },
    });
    expect(before?.tables.events?.files.map((f) => [f.file, f.rows])).toEqual([
      ['events-000001.jsonl', 3],
      ['events-000002.jsonl', 2],
    ]);
  });

  it('leaves events received within the settle time for the next run; ties on the time go by message id', async () => {
    const dir = newDir();
    const t = T2 + 7_200_000;
    await receive('inc', t, [track('c1', 'u4')]);
    // Another project's events never show up in this project's files.
    await receive('other', t, [track('x1', 'u9')]);
    expect(await run({ dir, now: T2 + 60_000 })).toMatchObject({ rows: 5 });
    expect(await run({ dir, now: t + 5_000, settleMs: 10_000 })).toMatchObject({ file: null });
    const settled = await run({ dir, now: t + 10_001, settleMs: 10_000 });
    expect(settled).toMatchObject({ file: 'events-000002.jsonl', rows: 1 });
    // Received in the same millisecond as the watermark, but after it in message id order.
    await receive('inc', t, [track('c2', 'u4')]);
    const tie = await run({ dir, now: t + 60_000 });
    expect(tie.rows).toBe(1);
    expect(lines(join(dir, tie.file as string)).map((l) => l['messageId'])).toEqual(['c2']);
  });

  it('writes Parquet and CSV files that hold the same new events', async () => {
    const parquetDir = newDir();
    const csvDir = newDir();
    const p = await run({ dir: parquetDir, format: 'parquet', now: T2 + 60_000 });
    const c = await run({ dir: csvDir, format: 'csv', now: T2 + 60_000 });
    expect(p).toMatchObject({ file: 'events-000001.parquet', rows: 5 });
    const [read] = await engine.warehouse.query<{ n: number; ids: string[] }>(
      `SELECT count() AS n, arraySort(groupArray(message_id)) AS ids FROM file({path:String}, Parquet)`,
      { path: join(parquetDir, p.file as string) },
    );
    expect(read).toEqual({ n: 5, ids: ['a1', 'a2', 'a3', 'b1', 'b2'] });
    expect(
      readFileSync(join(csvDir, c.file as string), 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(6);
  });

  it('exports profiles again only when they change', async () => {
    const dir = newDir();
    await receive('prof', Date.now(), [track('p1', 'ann'), track('p2', 'bob')]);
    const options = { projectId: 'prof', table: 'profiles' as const, dir };
    const first = await run({ ...options, now: Date.now() + 1 });
    expect(first).toMatchObject({ file: 'profiles-000001.jsonl', rows: 2 });
    expect(lines(join(dir, 'profiles-000001.jsonl')).flatMap((l) => l['distinctIds'])).toEqual(
      expect.arrayContaining(['ann', 'bob']),
    );
    expect(await run({ ...options, now: Date.now() + 1 })).toMatchObject({ file: null });
    await new Promise((r) => setTimeout(r, 5));
    await receive('prof', Date.now(), [track('p3', 'bob', 'Order Completed')]);
    const second = await run({ ...options, now: Date.now() + 1 });
    expect(second).toMatchObject({ file: 'profiles-000002.jsonl', rows: 1 });
    const [bob] = lines(join(dir, 'profiles-000002.jsonl'));
    expect(bob).toMatchObject({ distinctIds: ['bob'], eventCount: 2 });
  });

  it("refuses a directory holding another project's exports, or one a run is writing to", async () => {
    const dir = newDir();
    await run({ dir, now: T1 + 60_000 });
    await expect(run({ dir, projectId: 'other', now: T1 + 60_000 })).rejects.toMatchObject({
      code: 'conflict',
      field: 'dir',
    });
    const both = await Promise.allSettled([run({ dir: newDir() }), run({ dir }), run({ dir })]);
    expect(both.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual([
      'conflict',
    ]);
    // A directory that cannot be created (below a file) is an error naming the directory.
    const file = join(newDir(), 'file');
    writeFileSync(file, 'x');
    await expect(run({ dir: join(file, 'exports') })).rejects.toMatchObject({ field: 'dir' });
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial') || f.endsWith('.lock'))).toEqual([]);
  });
});
