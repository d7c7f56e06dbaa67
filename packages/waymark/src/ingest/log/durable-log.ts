// The durable log that makes a 200 mean "stored": accepted events are appended here and fsynced, many requests per
// fsync (group commit), before the server answers. A consumer then moves them into the stores and checkpoints.
// Records are framed as [length u32][crc32 u32][payload]; a torn record at the tail (a crash mid-write) is cut
// off at open. Offsets are global byte positions across segment files named by their first offset.

import { open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

const HEADER = 8;
const SUFFIX = '.wal';

export interface DurableLogOptions {
  dir: string;
  /** Roll to a new segment file past this size (default 64 MiB). */
  segmentBytes?: number;
  /** fdatasync before acknowledging (default true). Without it, a 200 survives a process crash but not power loss. */
  fsync?: boolean;
  /**
   * Keep appended values in memory for the consumer up to this many payload bytes (default 256 MiB); past that the
   * consumer reads them back from disk, so a stalled consumer cannot exhaust the heap.
   */
  cacheBytes?: number;
}

export interface LogRecord<T> {
  offset: number;
  /** Offset just past this record. */
  next: number;
  payload: Buffer;
  /** The value appended in this process, when still cached; otherwise decode `payload`. */
  value: T | undefined;
}

interface Segment {
  start: number;
  size: number;
  handle: FileHandle;
}

interface PendingAppend<T> {
  payloads: Buffer[];
  values: T[];
  resolve: (range: { start: number; end: number }) => void;
  reject: (error: Error) => void;
}

export class DurableLog<T = unknown> {
  private readonly segments: Segment[] = [];
  private queue: PendingAppend<T>[] = [];
  private queuedBytes = 0;
  private flushing = false;
  private failure: Error | undefined;
  private readonly cache = new Map<number, { value: T; next: number }>();
  private cachedBytes = 0;
  private readonly cacheLimit: number;
  private readonly listeners = new Set<() => void>();
  private readonly segmentBytes: number;
  private readonly fsync: boolean;

  private constructor(
    private readonly dir: string,
    options: DurableLogOptions,
  ) {
    this.segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
    this.fsync = options.fsync ?? true;
    this.cacheLimit = options.cacheBytes ?? 256 * 1024 * 1024;
  }

  static async open<T>(options: DurableLogOptions): Promise<DurableLog<T>> {
    mkdirSync(options.dir, { recursive: true });
    const log = new DurableLog<T>(options.dir, options);
    const names = (await readdir(options.dir)).filter((n) => n.endsWith(SUFFIX)).sort();
    for (const name of names) {
      const handle = await open(join(options.dir, name), 'r+');
      const { size } = await handle.stat();
      log.segments.push({ start: Number(name.slice(0, -SUFFIX.length)), size, handle });
    }
    if (log.segments.length === 0) await log.addSegment(0);
    await log.recoverTail();
    return log;
  }

  /** Offset just past the last durable record. */
  get end(): number {
    const last = this.segments.at(-1) as Segment;
    return last.start + last.size;
  }

  /** First offset still on disk. */
  get start(): number {
    return (this.segments[0] as Segment).start;
  }

  /** Bytes waiting for the next group commit. */
  get pendingBytes(): number {
    return this.queuedBytes;
  }

  /** Set once a write failed; the log then refuses appends until reopened. */
  get broken(): Error | undefined {
    return this.failure;
  }

  /** Appends records and resolves once they are on disk. `values` are cached for the consumer to skip decoding. */
  append(payloads: Buffer[], values: T[] = []): Promise<{ start: number; end: number }> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ payloads, values, resolve, reject });
      for (const p of payloads) this.queuedBytes += p.length + HEADER;
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Calls `listener` after every group commit. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads whole records from `from`, about `maxBytes` worth (at least one record when there is one). */
  async read(from: number, maxBytes: number): Promise<LogRecord<T>[]> {
    const out: LogRecord<T>[] = [];
    let offset = from;
    let budget = maxBytes;
    while (budget > 0 && offset < this.end) {
      const segment = this.segmentAt(offset);
      if (segment === undefined) throw new Error(`log offset ${offset} is not on disk (log starts at ${this.start})`);
      const position = offset - segment.start;
      const available = segment.size - position;
      if (available <= 0) break;
      const want = Math.min(available, Math.max(budget, HEADER));
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await segment.handle.read(buf, 0, want, position);
      let p = 0;
      while (p + HEADER <= bytesRead) {
        const length = buf.readUInt32LE(p);
        if (p + HEADER + length > bytesRead) {
          if (p === 0) {
            // One record larger than the budget: read it alone.
            const big = Buffer.allocUnsafe(HEADER + length);
            await segment.handle.read(big, 0, HEADER + length, position);
            out.push(this.record(offset, big.subarray(HEADER)));
            offset += HEADER + length;
          }
          break;
        }
        out.push(this.record(offset + p, buf.subarray(p + HEADER, p + HEADER + length)));
        p += HEADER + length;
      }
      if (p === 0) break;
      offset += p;
      budget -= p;
    }
    return out;
  }

  /**
   * Records appended by this process from `from` on, taken from memory without touching the disk; stops at the first
   * record not in memory (after a restart) and after about `maxBytes`.
   */
  cached(from: number, maxBytes: number): { offset: number; next: number; value: T }[] {
    const out: { offset: number; next: number; value: T }[] = [];
    let offset = from;
    while (offset - from < maxBytes) {
      const hit = this.cache.get(offset);
      if (hit === undefined) break;
      out.push({ offset, next: hit.next, value: hit.value });
      offset = hit.next;
    }
    return out;
  }

  /** Drops segments that lie wholly before `offset` (already consumed) and their cached values. */
  async release(offset: number): Promise<void> {
    for (const [key, entry] of this.cache) {
      if (key >= offset) break;
      this.cache.delete(key);
      this.cachedBytes -= entry.next - key;
    }
    while (this.segments.length > 1 && (this.segments[1] as Segment).start <= offset) {
      const old = this.segments.shift() as Segment;
      await old.handle.close();
      await rm(join(this.dir, segmentName(old.start)), { force: true });
    }
  }

  async close(): Promise<void> {
    while (this.flushing) await new Promise((r) => setTimeout(r, 1));
    for (const s of this.segments) await s.handle.close();
    this.segments.length = 0;
  }

  private record(offset: number, payload: Buffer): LogRecord<T> {
    return { offset, next: offset + HEADER + payload.length, payload, value: this.cache.get(offset)?.value };
  }

  private segmentAt(offset: number): Segment | undefined {
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const s = this.segments[i] as Segment;
      if (s.start <= offset) return s;
    }
    return undefined;
  }

  private async addSegment(start: number): Promise<void> {
    const handle = await open(join(this.dir, segmentName(start)), 'a+');
    this.segments.push({ start, size: 0, handle });
  }

  /** Cuts a torn or corrupt record (and anything after it) off the last segment. */
  private async recoverTail(): Promise<void> {
    const segment = this.segments.at(-1) as Segment;
    const header = Buffer.alloc(HEADER);
    let position = 0;
    while (position + HEADER <= segment.size) {
      await segment.handle.read(header, 0, HEADER, position);
      const length = header.readUInt32LE(0);
      if (position + HEADER + length > segment.size) break;
      const payload = Buffer.allocUnsafe(length);
      await segment.handle.read(payload, 0, length, position + HEADER);
      if (crc32(payload) !== header.readUInt32LE(4)) break;
      position += HEADER + length;
    }
    if (position < segment.size) {
      await segment.handle.truncate(position);
      await segment.handle.sync();
      segment.size = position;
    }
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.queue;
      this.queue = [];
      this.queuedBytes = 0;
      try {
        let segment = this.segments.at(-1) as Segment;
        const total = group.reduce((n, g) => n + g.payloads.reduce((m, p) => m + p.length + HEADER, 0), 0);
        if (segment.size > 0 && segment.size + total > this.segmentBytes) {
          await this.addSegment(this.end);
          segment = this.segments.at(-1) as Segment;
        }
        const buffers: Buffer[] = [];
        const ranges: { start: number; end: number }[] = [];
        let offset = this.end;
        for (const g of group) {
          const start = offset;
          g.payloads.forEach((payload, i) => {
            const header = Buffer.allocUnsafe(HEADER);
            header.writeUInt32LE(payload.length, 0);
            header.writeUInt32LE(crc32(payload), 4);
            buffers.push(header, payload);
            const value = g.values[i];
            if (value !== undefined && this.cachedBytes < this.cacheLimit) {
              this.cache.set(offset, { value, next: offset + HEADER + payload.length });
              this.cachedBytes += HEADER + payload.length;
            }
            offset += HEADER + payload.length;
          });
          ranges.push({ start, end: offset });
        }
        await writeAll(segment.handle, buffers, segment.size);
        if (this.fsync) await segment.handle.datasync();
        segment.size += total;
        group.forEach((g, i) => g.resolve(ranges[i] as { start: number; end: number }));
        for (const listener of this.listeners) listener();
      } catch (cause) {
        this.failure = new Error(`the ingest log could not be written: ${(cause as Error).message}`, { cause });
        for (const g of group) g.reject(this.failure);
        for (const g of this.queue) g.reject(this.failure);
        this.queue = [];
      }
    }
    this.flushing = false;
  }
}

async function writeAll(handle: FileHandle, buffers: Buffer[], position: number): Promise<void> {
  let pos = position;
  let pending = buffers;
  while (pending.length > 0) {
    const { bytesWritten } = await handle.writev(pending, pos);
    pos += bytesWritten;
    let skip = bytesWritten;
    const rest: Buffer[] = [];
    for (const b of pending) {
      if (skip >= b.length) {
        skip -= b.length;
      } else {
        rest.push(skip > 0 ? b.subarray(skip) : b);
        skip = 0;
      }
    }
    pending = rest;
  }
}

function segmentName(start: number): string {
  return `${String(start).padStart(20, '0')}${SUFFIX}`;
}
