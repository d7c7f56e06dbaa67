import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { openTestEngine } from '../test-support/engine.js';
import { testDir } from '../test-support/stores.js';
import { exportEvents, exportProfiles } from './export.js';
import { importFile } from './import.js';

let engine: Engine;
let dir: string;

beforeAll(async () => {
  engine = await openTestEngine();
  await engine.state.projects.create({ id: 'a', name: 'A', now: Date.now() });
  await engine.state.projects.create({ id: 'b', name: 'B', now: Date.now() });
  dir = mkdtempSync(join(testDir(), 'transfer-'));
});
afterAll(() => engine.close());

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of source) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

const calls = [
  {
    type: 'page',
    anonymousId: 'v1',
    messageId: 'e1',
    timestamp: '2026-10-01T10:00:00.000Z',
    name: 'Home',
    context: { page: { url: 'https://s.test/?utm_source=fb&utm_medium=paid_social' } },
  },
  {
    type: 'track',
    anonymousId: 'v1',
    messageId: 'e2',
    timestamp: '2026-10-01T10:01:00.250Z',
    event: 'Product Added',
    properties: { sku: 'X', price: 12.5 },
  },
  {
    type: 'identify',
    anonymousId: 'v1',
    userId: 'u1',
    messageId: 'e3',
    timestamp: '2026-10-01T10:02:00.000Z',
    traits: { email: 'u1@s.test', age: 31 },
  },
  {
    type: 'track',
    userId: 'u1',
    messageId: 'e4',
    timestamp: '2026-10-03T18:00:00.000Z',
    event: 'Order Completed',
    properties: { revenue: 80, currency: 'EUR' },
  },
  {
    type: 'group',
    userId: 'u1',
    messageId: 'e5',
    timestamp: '2026-10-03T18:01:00.000Z',
    groupId: 'g1',
    traits: { name: 'Acme' },
  },
  { type: 'alias', userId: 'u1', previousId: 'old-u1', messageId: 'e6', timestamp: '2026-10-03T18:02:00.000Z' },
];

describe('import and export', () => {
  it('imports JSON lines with a summary naming each bad line, then re-imports as duplicates', async () => {
    const file = join(dir, 'events.jsonl');
    const bad = [
      '{"type":"track","userId":"u2"}',
      'not json',
      '',
      '[1,2]',
      '{"type":"track","userId":"u2","event":"E","timestamp":"never"}',
    ];
    writeFileSync(file, [...calls.map((c) => JSON.stringify(c)), ...bad].join('\n'));
    const summary = await importFile(engine, { projectId: 'a', file, format: 'jsonl' });
    expect(summary).toMatchObject({ read: 10, accepted: 6, rejected: 4, duplicates: 0 });
    expect(summary.rejections.map((r) => [r.line, r.field])).toEqual([
      [7, 'event'],
      [8, ''],
      [10, ''],
      [11, 'timestamp'],
    ]);
    expect(summary.rejections[1]?.message).toMatch(/^invalid JSON/);
    expect(summary.rejections[2]?.message).toBe('the line is not a JSON object');
    expect(summary.profiles).toBe(1);

    const again = await importFile(engine, { projectId: 'a', file, format: 'jsonl' });
    expect(again).toMatchObject({ accepted: 0, duplicates: 6, rejected: 4 });
  });

  it('round-trips: exported JSON lines import into another project as the same events', async () => {
    const exported = (await collect(exportEvents(engine.warehouse, { projectId: 'a', format: 'jsonl' }))).toString();
    const lines = exported
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['messageId'])).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    expect(lines[1]).toMatchObject({
      type: 'track',
      event: 'Product Added',
      properties: { sku: 'X', price: 12.5 },
      timestamp: '2026-10-01T10:01:00.250Z',
    });
    expect(lines[0]).toMatchObject({ waymark: { channel: 'Paid Social', source: 'fb' } });
    const personIds = new Set(lines.map((l) => (l['waymark'] as { personId: string }).personId));
    expect(personIds.size).toBe(1);

    const file = join(dir, 'exported.jsonl');
    writeFileSync(file, exported);
    expect(await importFile(engine, { projectId: 'b', file, format: 'jsonl' })).toMatchObject({
      accepted: 6,
      rejected: 0,
    });
    const reexported = (await collect(exportEvents(engine.warehouse, { projectId: 'b', format: 'jsonl' }))).toString();
    const strip = (text: string) =>
      text
        .trim()
        .split('\n')
        .map((l) => {
          const { waymark, receivedAt, ...call } = JSON.parse(l) as Record<string, unknown> & {
            waymark: { personId: string };
          };
          void receivedAt;
          return { ...call, waymark: { ...waymark, personId: undefined } };
        });
    expect(strip(reexported)).toEqual(strip(exported));
  });

  it('exports CSV with a header and Parquet that the engine reads back', async () => {
    const csv = (await collect(exportEvents(engine.warehouse, { projectId: 'a', format: 'csv' }))).toString();
    const [header, ...rows] = csv.trim().split('\n');
    expect(header?.split(',').slice(0, 4)).toEqual(['"message_id"', '"type"', '"event"', '"person_id"']);
    expect(rows).toHaveLength(6);
    const parquet = await collect(
      exportEvents(engine.warehouse, { projectId: 'a', format: 'parquet', from: Date.parse('2026-10-02') }),
    );
    expect(parquet.subarray(0, 4).toString()).toBe('PAR1');
    const file = join(dir, 'events.parquet');
    writeFileSync(file, parquet);
    const back = await engine.warehouse.query<{ n: number; revenue: number }>(
      `SELECT count() AS n, sum(revenue) AS revenue FROM file({f:String}, 'Parquet')`,
      { f: file },
    );
    expect(back).toEqual([{ n: 3, revenue: 80 }]);
  });

  it('exports profiles as CSV, JSON lines and Parquet', async () => {
    const jsonl = (
      await collect(exportProfiles(engine.state, engine.warehouse, { projectId: 'a', format: 'jsonl' }))
    ).toString();
    const [profile] = jsonl
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(profile).toMatchObject({
      distinctIds: expect.arrayContaining(['v1', 'u1', 'old-u1']),
      revenue: 80,
      traits: { email: 'u1@s.test', age: 31 },
    });
    const csv = (
      await collect(exportProfiles(engine.state, engine.warehouse, { projectId: 'a', format: 'csv' }))
    ).toString();
    expect(csv.split('\n')[0]).toBe(
      'person_id,distinct_ids,identified,first_seen,last_seen,sessions,event_count,revenue,channels,devices,traits',
    );
    expect(csv).toContain('"{""email"":""u1@s.test"",""age"":31}"');
    const parquet = await collect(
      exportProfiles(engine.state, engine.warehouse, { projectId: 'a', format: 'parquet' }),
    );
    const file = join(dir, 'profiles.parquet');
    writeFileSync(file, parquet);
    const back = await engine.warehouse.query<{ event_count: number; sessions: number }>(
      `SELECT event_count, sessions FROM file({f:String}, 'Parquet')`,
      { f: file },
    );
    expect(back).toEqual([{ event_count: 6, sessions: 2 }]);
  });

  it('imports CSV with a column mapping', async () => {
    const file = join(dir, 'orders.csv');
    writeFileSync(
      file,
      'customer,action,time,amount,note\n' +
        'c1,Order Completed,2026-10-05T09:00:00Z,19.99,"first, ""quoted"" order"\n' +
        'c2,Order Completed,2026-10-05T10:00:00Z,5,\n' +
        'c3,,2026-10-05T11:00:00Z,1,missing event\n',
    );
    const summary = await importFile(engine, {
      projectId: 'a',
      file,
      format: 'csv',
      mapping: {
        userId: 'customer',
        event: 'action',
        timestamp: 'time',
        'properties.revenue': 'amount',
        'properties.note': 'note',
      },
    });
    expect(summary).toMatchObject({ read: 3, accepted: 2, rejected: 1 });
    expect(summary.rejections[0]).toMatchObject({ line: 3, field: 'event' });
    const [row] = await engine.warehouse.query<{ revenue: number; note: string }>(
      `SELECT revenue, JSONExtractString(properties, 'note') AS note FROM ${engine.warehouse.database}.events WHERE project_id = 'a' AND user_id = 'c1'`,
    );
    expect(row).toEqual({ revenue: 19.99, note: 'first, "quoted" order' });
  });
});
