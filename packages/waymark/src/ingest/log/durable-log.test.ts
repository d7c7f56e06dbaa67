import { appendFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testDir } from '../../test-support/stores.js';
import { DurableLog } from './durable-log.js';

const freshDir = (): string => join(testDir(), `log-${randomBytes(4).toString('hex')}`);
const text = (records: { payload: Buffer }[]): string[] => records.map((r) => r.payload.toString());

describe('durable log', () => {
  it('group-commits concurrent appends and reads them back in order after reopening', async () => {
    const dir = freshDir();
    const log = await DurableLog.open<string>({ dir });
    const appends = Array.from({ length: 50 }, (_, i) => log.append([Buffer.from(`record-${i}`)], [`value-${i}`]));
    const ranges = await Promise.all(appends);
    expect(ranges[0]?.start).toBe(0);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]?.start).toBe(ranges[i - 1]?.end);
    const cached = await log.read(0, 1 << 20);
    expect(cached.map((r) => r.value)).toEqual(Array.from({ length: 50 }, (_, i) => `value-${i}`));
    await log.close();

    const reopened = await DurableLog.open<string>({ dir });
    expect(reopened.end).toBe(ranges.at(-1)?.end);
    const records = await reopened.read(0, 1 << 20);
    expect(text(records)).toEqual(Array.from({ length: 50 }, (_, i) => `record-${i}`));
    expect(records.every((r) => r.value === undefined)).toBe(true);
    await reopened.close();
  });

  it('cuts a torn record off the tail when reopened after a crash mid-write', async () => {
    const dir = freshDir();
    const log = await DurableLog.open({ dir });
    await log.append([Buffer.from('complete-1'), Buffer.from('complete-2')]);
    const end = log.end;
    await log.close();
    const [segment] = readdirSync(dir);
    // A header promising 100 bytes followed by only 3: what a kill -9 during a write leaves.
    const torn = Buffer.alloc(11);
    torn.writeUInt32LE(100, 0);
    appendFileSync(join(dir, segment as string), torn);

    const reopened = await DurableLog.open({ dir });
    expect(reopened.end).toBe(end);
    expect(statSync(join(dir, segment as string)).size).toBe(end);
    await reopened.append([Buffer.from('after-crash')]);
    expect(text(await reopened.read(0, 1 << 20))).toEqual(['complete-1', 'complete-2', 'after-crash']);
    await reopened.close();
  });

  it('rolls segments, reads across them, and releases consumed ones', async () => {
    const dir = freshDir();
    const log = await DurableLog.open({ dir, segmentBytes: 64 });
    for (let i = 0; i < 10; i++) await log.append([Buffer.from(`payload-number-${i}`)]);
    expect(readdirSync(dir).length).toBeGreaterThan(3);
    const all: string[] = [];
    let offset = 0;
    while (offset < log.end) {
      const records = await log.read(offset, 40);
      all.push(...text(records));
      offset = records.at(-1)?.next ?? log.end;
    }
    expect(all).toHaveLength(10);
    const middle = (await log.read(0, 1 << 20))[5]?.offset ?? 0;
    await log.release(middle);
    expect(log.start).toBeGreaterThan(0);
    expect(log.start).toBeLessThanOrEqual(middle);
    expect(text(await log.read(middle, 1 << 20))).toEqual(
      Array.from({ length: 5 }, (_, i) => `payload-number-${i + 5}`),
    );
    await log.close();
  });

  it('keeps values in memory only up to its cache budget, and frees it as the consumer moves on', async () => {
    const log = await DurableLog.open<string>({ dir: freshDir(), cacheBytes: 40 });
    for (let i = 0; i < 6; i++) await log.append([Buffer.from(`payload-${i}`)], [`value-${i}`]);
    const first = await log.read(0, 1 << 20);
    expect(first.map((r) => r.value)).toEqual(['value-0', 'value-1', 'value-2', undefined, undefined, undefined]);
    expect(log.cached(0, 1 << 20).map((r) => r.value)).toEqual(['value-0', 'value-1', 'value-2']);
    await log.release(first[3]?.offset ?? 0);
    await log.append([Buffer.from('payload-6')], ['value-6']);
    expect((await log.read(first[3]?.offset ?? 0, 1 << 20)).map((r) => r.value).at(-1)).toBe('value-6');
    await log.close();
  });
});
