// The CLI as a user runs it: the built `waymark` binary against a data dir, first on its own, then with a server
// owning the dir (commands must go through the server's API).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCliAvailable, runCli, startServer, waitForExit } from '../test-support/cli.js';
import { testDir } from '../test-support/stores.js';

const dataDir = join(testDir(), 'cli');
const file = (name: string): string => join(testDir(), name);

describe.skipIf(!builtCliAvailable())('waymark CLI (needs `npm run build`)', () => {
  it('explains itself', () => {
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    for (const command of ['serve', 'import', 'export', 'demo', 'projects']) expect(help.stdout).toContain(command);
    expect(runCli(['import', '--help']).stdout).toContain('--map');
    const unknown = runCli(['frobnicate']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });

  it('manages projects and keys, imports with a summary and exit codes, exports files', () => {
    const created = runCli([
      'projects',
      'create',
      'Web Shop',
      '--id',
      'web',
      '--data-dir',
      dataDir,
      '--format',
      'json',
    ]);
    expect(created.status).toBe(0);
    const key = (JSON.parse(created.stdout) as { writeKey: string }[])[0]?.writeKey;
    expect(key).toMatch(/^wk_/);
    const rotated = runCli(['projects', 'rotate-key', 'web', '--data-dir', dataDir, '--format', 'json']);
    const newKey = (JSON.parse(rotated.stdout) as { writeKey: string }[])[0]?.writeKey;
    const keys = runCli(['projects', 'keys', 'web', '--data-dir', dataDir, '--format', 'csv']).stdout;
    expect(keys).toContain(`${newKey},`);
    expect(keys).toMatch(new RegExp(`${key},[^,]+,revoked`));
    expect(runCli(['projects', 'list', '--data-dir', dataDir]).stdout).toMatch(/web\s+Web Shop/);

    writeFileSync(
      file('good.jsonl'),
      [
        JSON.stringify({
          type: 'track',
          userId: 'u1',
          event: 'Signed Up',
          timestamp: '2026-09-01T08:00:00Z',
          messageId: 'g1',
        }),
        JSON.stringify({
          type: 'track',
          userId: 'u1',
          event: 'Order Completed',
          timestamp: '2026-09-02T08:00:00Z',
          properties: { revenue: 20 },
          messageId: 'g2',
        }),
        '{"type":"track"',
      ].join('\n'),
    );
    const imported = runCli(['import', file('good.jsonl'), '--data-dir', dataDir]);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/stored\s+2/);
    expect(imported.stdout).toMatch(/rejected\s+1/);
    expect(imported.stdout).toContain('line 3: invalid JSON');

    writeFileSync(file('empty.jsonl'), '\n\n');
    const empty = runCli(['import', file('empty.jsonl'), '--data-dir', dataDir]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain('nothing could be read');
    writeFileSync(file('bad.jsonl'), '{"type":"track"}\n');
    expect(runCli(['import', file('bad.jsonl'), '--data-dir', dataDir]).status).toBe(2);
    const missing = runCli(['import', file('nope.jsonl'), '--data-dir', dataDir]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no file');

    expect(runCli(['export', 'events', '--format', 'csv', '--out', file('e.csv'), '--data-dir', dataDir]).status).toBe(
      0,
    );
    expect(readFileSync(file('e.csv'), 'utf8').trim().split('\n')).toHaveLength(3);
    const profiles = runCli(['export', 'profiles', '--format', 'jsonl', '--data-dir', dataDir]);
    expect(JSON.parse(profiles.stdout.trim())).toMatchObject({ distinctIds: ['u1'], revenue: 20, eventCount: 2 });
  });

  it('goes through the running server instead of opening its data dir', async () => {
    const server = await startServer(['--data-dir', dataDir, '--no-demo']);
    try {
      expect(server.output()).toMatch(/project web\s+write key wk_/);
      const second = await startServer(['--data-dir', dataDir, '--no-demo']).catch((e: Error) => e.message);
      expect(second).toContain(`is owned by the Waymark server at ${server.url}`);

      writeFileSync(
        file('live.jsonl'),
        [
          JSON.stringify({
            type: 'track',
            userId: 'u1',
            event: 'Order Completed',
            timestamp: '2026-09-03T08:00:00Z',
            properties: { revenue: 5 },
            messageId: 'g3',
          }),
          JSON.stringify({ type: 'track', userId: 'u1', event: 'Signed Up', messageId: 'g1' }),
          '{"type":"track","userId":"u9"}',
        ].join('\n'),
      );
      const imported = runCli(['import', file('live.jsonl'), '--data-dir', dataDir]);
      expect(imported.status).toBe(0);
      expect(imported.stdout).toMatch(/stored\s+1/);
      expect(imported.stdout).toMatch(/duplicates\s+1/);
      expect(imported.stdout).toContain('line 3: event: track calls need a non-empty event name');
      expect(runCli(['projects', 'list', '--data-dir', dataDir, '--format', 'json']).stdout).toContain('"id": "web"');

      // Stored asynchronously after the 200: wait until the server reports no lag.
      for (let i = 0; i < 100; i++) {
        const ready = (await (await fetch(`${server.url}/ready`)).json()) as { ingestLagBytes: number };
        if (ready.ingestLagBytes === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const exported = runCli(['export', 'events', '--format', 'jsonl', '--data-dir', dataDir]);
      expect(exported.status).toBe(0);
      expect(
        exported.stdout
          .trim()
          .split('\n')
          .map((l) => (JSON.parse(l) as { messageId: string }).messageId),
      ).toEqual(['g1', 'g2', 'g3']);
    } finally {
      server.process.kill('SIGTERM');
      await waitForExit(server.process);
    }
  });
});
