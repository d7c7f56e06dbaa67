// Moves events from the durable log into the stores, a batch at a time (every `batchEvents` events or `maxWaitMs`),
// and advances the log checkpoint in the same state transaction as the batch. After a crash it first replays the
// batch that was in flight, with the same boundaries, so the pipeline's dedup tokens match.

import { summarize, type EventSummary } from '../core/event.js';
import type { StateRepositories, StateStore } from '../state/state-store.js';
import { eventFromLine } from '../warehouse/serialize.js';
import type { DurableLog, LogRecord } from './log/durable-log.js';
import type { IngestPipeline } from './pipeline.js';

/**
 * One log record: the events one request had accepted for one project, as warehouse lines; `e` holds them as objects
 * when the accepting thread had them (imports), else the consumer reads them from the lines.
 */
export interface LogEntry {
  p: string;
  e?: EventSummary[];
  lines: string[];
}

/** A record's bytes: a JSON header line `{"p":project,"n":count}`, then one `eventLine` per event. */
export function encodeLogEntry(entry: LogEntry): Buffer {
  return Buffer.from(`${JSON.stringify({ p: entry.p, n: entry.lines.length })}\n${entry.lines.join('\n')}`);
}

export function decodeLogEntry(payload: Buffer): LogEntry {
  const [header = '{}', ...lines] = payload.toString('utf8').split('\n');
  const { p } = JSON.parse(header) as { p: string };
  return { p, lines };
}

export interface LogConsumerOptions {
  batchEvents: number;
  maxWaitMs: number;
  onError: (error: unknown) => void;
  onBatch?: (stats: { events: number; stored: number; duplicates: number; ms: number }) => void;
}

/** A batch: the log records from `start` up to `end`, with their entries when already at hand. */
export type StoredListener = (projectId: string, personIds: Set<string>, activePersonIds: Set<string>) => void;

interface Range {
  start: number;
  end: number;
  entries?: LogEntry[];
}

const CHECKPOINT = 'log_checkpoint';
const SOURCE = 'log';
const READ_BYTES = 32 * 1024 * 1024;

export class LogConsumer {
  private checkpointOffset = 0;
  private running = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private drainWaiters: { target: number; resolve: () => void }[] = [];
  private unsubscribe: (() => void) | undefined;
  private lastError: unknown;
  private failures = 0;

  private readonly storedListeners: StoredListener[] = [];

  /**
   * Calls `listener` with the persons whose events were just stored, project by project, and which of them had
   * customer activity (see BatchOutcome.activePersonIds).
   */
  onStored(listener: StoredListener): void {
    this.storedListeners.push(listener);
  }

  constructor(
    private readonly log: DurableLog<LogEntry>,
    private readonly pipeline: IngestPipeline,
    private readonly state: StateStore,
    private readonly options: LogConsumerOptions,
  ) {}

  /** Offset up to which the log has been stored. */
  get checkpoint(): number {
    return this.checkpointOffset;
  }

  /** Bytes accepted but not yet stored. */
  get lag(): number {
    return this.log.end - this.checkpointOffset;
  }

  /** The last error if the consumer is currently failing (it keeps retrying). */
  get error(): unknown {
    return this.failures > 0 ? this.lastError : undefined;
  }

  async start(): Promise<void> {
    this.checkpointOffset = Math.max((await this.state.ingestState.get<number>(CHECKPOINT)) ?? 0, this.log.start);
    this.running = true;
    this.unsubscribe = this.log.onAppend(() => this.wake?.());
    const pending = await this.state.ingestState.get<{ batchId: string }>(`pending:${SOURCE}`);
    const range = pending ? /^log:(\d+)-(\d+):/.exec(pending.batchId) : null;
    this.loop = this.run(range ? { start: Number(range[1]), end: Number(range[2]) } : undefined);
  }

  /** Resolves once everything appended so far is stored. */
  drain(): Promise<void> {
    const target = this.log.end;
    if (this.checkpointOffset >= target) return Promise.resolve();
    return new Promise((resolve) => {
      this.drainWaiters.push({ target, resolve });
      this.wake?.();
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
  }

  private async run(replay: Range | undefined): Promise<void> {
    let inflight = replay;
    while (this.running) {
      if (inflight === undefined) {
        if (this.log.end <= this.checkpointOffset) {
          await this.sleep(1_000);
          continue;
        }
        // Give the batch a moment to fill unless someone is waiting for a drain.
        if (this.drainWaiters.length === 0) await this.waitForEvents();
        inflight = await this.nextRange();
        if (inflight === undefined) continue;
      }
      try {
        await this.process(inflight);
        inflight = undefined;
        this.failures = 0;
      } catch (error) {
        this.lastError = error;
        this.failures += 1;
        this.options.onError(error);
        await this.sleep(Math.min(30_000, 200 * 2 ** Math.min(this.failures, 8)));
      }
    }
  }

  private async waitForEvents(): Promise<void> {
    const deadline = Date.now() + this.options.maxWaitMs;
    // Roughly 300 bytes an event: good enough to decide whether a batch is full.
    while (
      this.running &&
      this.log.end - this.checkpointOffset < this.options.batchEvents * 300 &&
      Date.now() < deadline
    ) {
      if (this.drainWaiters.length > 0) return;
      await this.sleep(deadline - Date.now());
    }
  }

  private async nextRange(): Promise<Range | undefined> {
    // Usually everything waiting was appended by this process and is still in memory; after a restart, read disk.
    const cached = this.log.cached(this.checkpointOffset, READ_BYTES);
    const records =
      cached.length > 0
        ? cached.map((r) => ({ offset: r.offset, next: r.next, entry: r.value }))
        : (await this.log.read(this.checkpointOffset, READ_BYTES)).map((r) => ({
            offset: r.offset,
            next: r.next,
            entry: entryOf(r),
          }));
    let events = 0;
    let end = this.checkpointOffset;
    const taken: LogEntry[] = [];
    for (const r of records) {
      taken.push(r.entry);
      events += r.entry.lines.length;
      end = r.next;
      if (events >= this.options.batchEvents) break;
    }
    return end > this.checkpointOffset ? { start: this.checkpointOffset, end, entries: taken } : undefined;
  }

  private async process(range: Range): Promise<void> {
    const began = Date.now();
    const entries =
      range.entries ??
      (await this.log.read(range.start, range.end - range.start)).filter((r) => r.offset < range.end).map(entryOf);
    const byProject = new Map<string, { events: EventSummary[]; lines: string[] }>();
    let total = 0;
    for (const entry of entries) {
      let group = byProject.get(entry.p);
      if (group === undefined) byProject.set(entry.p, (group = { events: [], lines: [] }));
      for (const e of entry.e ?? entry.lines.map((l) => summarize(eventFromLine(l)))) group.events.push(e);
      for (const l of entry.lines) group.lines.push(l);
      total += entry.lines.length;
    }
    const projects = [...byProject.keys()].sort();
    let stored = 0;
    let duplicates = 0;
    const commit = async (tx: StateRepositories): Promise<void> => {
      await tx.ingestState.set(CHECKPOINT, range.end);
    };
    const stores: [string, Set<string>, Set<string>][] = [];
    for (const [i, projectId] of projects.entries()) {
      const outcome = await this.pipeline.storeBatch({
        projectId,
        batchId: `log:${range.start}-${range.end}:${projectId}`,
        source: SOURCE,
        events: byProject.get(projectId)?.events ?? [],
        lines: byProject.get(projectId)?.lines ?? [],
        profiles: 'incremental',
        ...(i === projects.length - 1 ? { onCommit: commit } : {}),
      });
      stored += outcome.stored;
      duplicates += outcome.duplicates;
      if (outcome.stored > 0) stores.push([projectId, outcome.personIds, outcome.activePersonIds]);
    }
    if (projects.length === 0) await this.state.ingestState.set(CHECKPOINT, range.end);
    this.checkpointOffset = range.end;
    await this.log.release(range.end);
    this.options.onBatch?.({ events: total, stored, duplicates, ms: Date.now() - began });
    // After the checkpoint: what listeners do (real-time segments) can never hold back or undo storing.
    for (const [projectId, personIds, active] of stores) {
      for (const listener of this.storedListeners) {
        try {
          listener(projectId, personIds, active);
        } catch (error) {
          this.options.onError(error);
        }
      }
    }
    this.drainWaiters = this.drainWaiters.filter((w) => {
      if (w.target <= this.checkpointOffset) w.resolve();
      return w.target > this.checkpointOffset;
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }
}

function entryOf(record: LogRecord<LogEntry>): LogEntry {
  return record.value ?? decodeLogEntry(record.payload);
}
