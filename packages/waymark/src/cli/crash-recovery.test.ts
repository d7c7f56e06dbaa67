// The durability promise, tested the hard way: a server under load is killed with SIGKILL at several moments,
// restarted, and every acknowledged event must be stored exactly once.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDir } from '../test-support/stores.js';
import {
  builtCliAvailable,
  runCli,
  serverToken,
  startServer,
  waitForExit,
  type RunningServer,
} from '../test-support/cli.js';

const dataDir = join(testDir(), 'crash');
const auth = (key: string): string => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

async function load(
  server: RunningServer,
  writeKey: string,
  round: number,
  acked: Set<string>,
  stop: { now: boolean },
): Promise<void> {
  const client = async (c: number): Promise<void> => {
    for (let seq = 0; !stop.now; seq++) {
      const ids = Array.from({ length: 100 }, (_, i) => `r${round}-c${c}-s${seq}-${i}`);
      const batch = ids.map((messageId, i) => ({
        type: 'track',
        messageId,
        userId: `user-${(seq * 100 + i) % 500}`,
        event: 'Load Tested',
        properties: { round, seq },
      }));
      try {
        const res = await fetch(`${server.url}/v1/batch`, {
          method: 'POST',
          headers: { authorization: auth(writeKey), 'content-type': 'application/json' },
          body: JSON.stringify({ batch }),
        });
        if (res.status === 200) for (const id of ids) acked.add(id);
      } catch {
        return; // The server was killed mid-request: this batch was never acknowledged.
      }
    }
  };
  await Promise.all([0, 1, 2, 3].map(client));
}

describe.skipIf(!builtCliAvailable())('crash recovery (needs `npm run build`)', () => {
  it('stores every acknowledged event exactly once across kill -9 and restarts', async () => {
    const created = runCli(['projects', 'create', 'Crash', '--id', 'crash', '--data-dir', dataDir, '--format', 'json']);
    expect(created.stderr).toBe('');
    const writeKey = (JSON.parse(created.stdout) as { writeKey: string }[])[0]?.writeKey as string;

    const acked = new Set<string>();
    for (const [round, killAfterMs] of [200, 700, 1_500].entries()) {
      const server = await startServer(['--data-dir', dataDir, '--no-demo']);
      const stop = { now: false };
      const loading = load(server, writeKey, round, acked, stop);
      await new Promise((r) => setTimeout(r, killAfterMs));
      server.process.kill('SIGKILL');
      await waitForExit(server.process);
      stop.now = true;
      await loading;
    }
    expect(acked.size).toBeGreaterThan(1_000);

    const server = await startServer(['--data-dir', dataDir, '--no-demo']);
    try {
      // A client retrying acknowledged events after the crash must not create duplicates either.
      const retried = [...acked]
        .slice(0, 100)
        .map((messageId) => ({ type: 'track', messageId, userId: 'retry', event: 'Load Tested' }));
      const retry = await fetch(`${server.url}/v1/batch`, {
        method: 'POST',
        headers: { authorization: auth(writeKey), 'content-type': 'application/json' },
        body: JSON.stringify({ batch: retried }),
      });
      expect(retry.status).toBe(200);
      for (let i = 0; i < 600; i++) {
        const ready = (await (await fetch(`${server.url}/ready`)).json()) as { ingestLagBytes: number };
        if (ready.ingestLagBytes === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const exported = await fetch(`${server.url}/api/export/events?format=jsonl&project=crash`, {
        headers: { authorization: `Bearer ${serverToken(dataDir)}` },
      });
      const counts = new Map<string, number>();
      for (const line of (await exported.text()).split('\n')) {
        if (line === '') continue;
        const id = (JSON.parse(line) as { messageId: string }).messageId;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      const missing = [...acked].filter((id) => !counts.has(id));
      const repeated = [...counts].filter(([, n]) => n > 1);
      expect({ missing: missing.length, repeated: repeated.length }).toEqual({ missing: 0, repeated: 0 });
    } finally {
      server.process.kill('SIGTERM');
      await waitForExit(server.process);
    }
  }, 300_000);
});
