// `waymark query --format csv|jsonl|parquet` and `waymark export` as a user runs them: on a data dir, then through
// the server that owns it; incremental exports into a directory write only what is new.

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCliAvailable, runCli, startServer, waitForExit } from '../test-support/cli.js';
import { testDir } from '../test-support/stores.js';

const dataDir = join(testDir(), 'cli-export');
const file = (name: string): string => join(testDir(), name);
const spec = JSON.stringify({ steps: [{ event: 'Product Viewed' }, { event: 'Order Completed' }] });

function importEvents(name: string, calls: object[]): void {
  writeFileSync(file(name), calls.map((c) => JSON.stringify(c)).join('\n'));
  const imported = runCli(['import', file(name), '--data-dir', dataDir, '--project', 'shop']);
  expect(imported.status, imported.stderr).toBe(0);
}

const day = (d: number): string => new Date(Date.now() - d * 86_400_000).toISOString();

describe.skipIf(!builtCliAvailable())('waymark query and export to files (needs `npm run build`)', () => {
  it('writes analysis results, segment members and incremental exports on a data dir', () => {
    expect(runCli(['projects', 'create', 'Shop', '--id', 'shop', '--data-dir', dataDir]).status).toBe(0);
    importEvents('first.jsonl', [
      { type: 'track', userId: 'u1', event: 'Product Viewed', messageId: 'e1', timestamp: day(3) },
      { type: 'track', userId: 'u1', event: 'Order Completed', messageId: 'e2', timestamp: day(3) },
      { type: 'track', userId: 'u2', event: 'Product Viewed', messageId: 'e3', timestamp: day(2) },
    ]);
    const csv = runCli(['query', 'funnel', '--spec', spec, '--format', 'csv', '--data-dir', dataDir]);
    expect(csv.status, csv.stderr).toBe(0);
    expect(csv.stdout.split('\n').map((l) => l.split(',').slice(1, 5).join(','))).toEqual([
      'step,step_name,event,persons',
      '0,Product Viewed,Product Viewed,2',
      '1,Order Completed,Order Completed,1',
      '',
    ]);
    const parquet = runCli([
      'query',
      'funnel',
      '--spec',
      spec,
      '--format',
      'parquet',
      '--out',
      file('funnel.parquet'),
      '--data-dir',
      dataDir,
    ]);
    expect(parquet.status, parquet.stderr).toBe(0);
    expect(readFileSync(file('funnel.parquet')).subarray(0, 4).toString()).toBe('PAR1');
    const bad = runCli(['query', 'funnel', '--spec', spec, '--format', 'xml', '--data-dir', dataDir]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--format must be table, json, csv, jsonl or parquet');

    const dir = file('exports');
    const first = runCli([
      'export',
      'events',
      '--to-dir',
      dir,
      '--incremental',
      '--settle-seconds',
      '0',
      '--data-dir',
      dataDir,
    ]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain('wrote 3 events');
    importEvents('second.jsonl', [
      { type: 'track', userId: 'u3', event: 'Product Viewed', messageId: 'e4', timestamp: day(1) },
    ]);
    const second = runCli([
      'export',
      'events',
      '--to-dir',
      dir,
      '--incremental',
      '--settle-seconds',
      '0',
      '--data-dir',
      dataDir,
    ]);
    expect(second.stderr).toContain('wrote 1 events');
    const ids = readFileSync(join(dir, 'events-000002.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { messageId: string }).messageId);
    expect(ids).toEqual(['e4']);
    expect(readdirSync(dir).sort()).toEqual(['events-000001.jsonl', 'events-000002.jsonl', 'waymark-export.json']);
    const alone = runCli(['export', 'events', '--to-dir', dir, '--data-dir', dataDir]);
    expect(alone.stderr).toContain('--to-dir DIR and --incremental go together');
  });

  it('goes through the server that owns the data dir, and says why incremental exports cannot', async () => {
    const server = await startServer(['--data-dir', dataDir, '--no-demo']);
    try {
      const members = runCli([
        'segments',
        'create',
        '--definition',
        JSON.stringify({ name: 'Viewers', condition: { performed: { event: 'Product Viewed' } } }),
        '--data-dir',
        dataDir,
      ]);
      expect(members.status, members.stderr).toBe(0);
      const exported = runCli(['export', 'segment-members', 'viewers', '--format', 'jsonl', '--data-dir', dataDir]);
      expect(exported.status, exported.stderr).toBe(0);
      expect(exported.stdout.trim().split('\n')).toHaveLength(3);
      const lines = runCli(['query', 'funnel', '--spec', spec, '--format', 'jsonl', '--data-dir', dataDir]);
      expect(
        lines.stdout
          .trim()
          .split('\n')
          .map((l) => (JSON.parse(l) as { persons: number }).persons),
      ).toEqual([3, 1]);
      const incremental = runCli([
        'export',
        'events',
        '--to-dir',
        file('exports'),
        '--incremental',
        '--data-dir',
        dataDir,
      ]);
      expect(incremental.status).toBe(3);
      expect(incremental.stderr).toContain('export schedules');
    } finally {
      server.process.kill('SIGINT');
      await waitForExit(server.process);
    }
  });
});
