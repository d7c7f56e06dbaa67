// The engine wires the stores and the ingest pipeline of one data directory. The server and the CLI both start
// from here; nothing below knows whether it runs behind HTTP or a terminal.

import { randomUUID } from 'node:crypto';
import { DEFAULT_LIMITS, type IngestLimits } from './core/limits.js';
import { DEFAULT_SESSION_GAP_MS } from './core/profile.js';
import { DAY_MS } from './core/time.js';
import { dataDirPaths, lockDataDir, type DataDirPaths } from './data-dir.js';
import { IngestService } from './ingest/ingest-service.js';
import { LogConsumer, type LogEntry } from './ingest/log-consumer.js';
import { DurableLog } from './ingest/log/durable-log.js';
import { IngestPipeline } from './ingest/pipeline.js';
import { RealtimeSegments } from './segments/realtime.js';
import { DecisionService } from './personalization/service.js';
import { IntakePool } from './ingest/intake-pool.js';
import { openSqliteState } from './state/sqlite/open-sqlite-state.js';
import type { StateStore } from './state/state-store.js';
import { openChdbWarehouse } from './warehouse/chdb/chdb-warehouse.js';
import type { Warehouse } from './warehouse/warehouse.js';

export interface EngineOptions {
  dataDir: string;
  /** fdatasync the ingest log before acknowledging (default true). */
  fsync?: boolean;
  /** Events per warehouse insert (default 20,000). */
  batchEvents?: number;
  /** Longest wait for a batch to fill (default 250 ms). */
  maxWaitMs?: number;
  limits?: Partial<IngestLimits>;
  sessionGapMs?: number;
  /** Worker threads for request intake (default: cores - 1, at least 1; 0 to parse on the main thread). */
  intakeWorkers?: number;
  /** Accepted-but-unstored bytes beyond which ingest answers 503 (default 1 GiB). */
  maxLagBytes?: number;
  /** Bytes waiting for a group commit beyond which ingest answers 429 (default 64 MiB). */
  maxPendingBytes?: number;
  /** How long messageIds are remembered for deduplication (default 30 days). */
  dedupWindowDays?: number;
  /** The clock real-time segment membership is evaluated with (default `Date.now`; tests fix it). */
  now?: () => number;
  /**
   * How far ahead segment changes that need no new event (sliding windows) are scheduled (default 24 h); further
   * ones are scheduled by the periodic refresh once they come this close.
   */
  segmentChangesWithinMs?: number;
  onError?: (error: unknown) => void;
}

export interface Engine {
  readonly paths: DataDirPaths;
  readonly warehouse: Warehouse;
  readonly state: StateStore;
  readonly pipeline: IngestPipeline;
  readonly ingest: IngestService;
  /** Parses and validates ingest requests, on worker threads when there are spare cores. */
  readonly intake: IntakePool;
  readonly consumer: LogConsumer;
  /** Updates saved segments' membership for the persons of every stored batch. */
  readonly segments: RealtimeSegments;
  /** Personalization and experiment decisions (POST /v1/decide). */
  readonly decisions: DecisionService;
  readonly limits: IngestLimits;
  readonly sessionGapMs: number;
  /** Stores everything accepted, then closes the stores and releases the data dir. */
  close(): Promise<void>;
}

export async function openEngine(options: EngineOptions): Promise<Engine> {
  const paths = dataDirPaths(options.dataDir);
  const unlock = lockDataDir(paths);
  const opened: { close(): Promise<void> }[] = [];
  try {
    const warehouse = await openChdbWarehouse({ path: paths.warehouse });
    opened.push(warehouse);
    await warehouse.migrate();
    const state = await openSqliteState({ path: paths.state });
    opened.push(state);
    const sessionGapMs = options.sessionGapMs ?? DEFAULT_SESSION_GAP_MS;
    const pipeline = new IngestPipeline({ warehouse, state, now: Date.now, newPersonId: randomUUID, sessionGapMs });
    const log = await DurableLog.open<LogEntry>({ dir: paths.log, fsync: options.fsync ?? true });
    opened.push(log);
    const onError = options.onError ?? ((e: unknown) => console.error('waymark ingest:', e));
    const consumer = new LogConsumer(log, pipeline, state, {
      batchEvents: options.batchEvents ?? 20_000,
      maxWaitMs: options.maxWaitMs ?? 250,
      onError,
    });
    const ingest = new IngestService(log, consumer, {
      maxPendingBytes: options.maxPendingBytes ?? 64 * 1024 * 1024,
      maxLagBytes: options.maxLagBytes ?? 1024 * 1024 * 1024,
    });
    // Registered before the consumer starts, so that batches replayed from the log update segments too.
    const segments = new RealtimeSegments({
      warehouse,
      sink: ingest,
      segments: state.definitions,
      identities: state.identities,
      now: options.now ?? Date.now,
      ...(options.segmentChangesWithinMs === undefined ? {} : { changesWithinMs: options.segmentChangesWithinMs }),
      onError: (message, error) => onError(new Error(message, { cause: error })),
    });
    consumer.onStored((projectId, personIds, active) => segments.notify(projectId, personIds, active));
    const decisions = new DecisionService({
      state,
      membership: segments.membership,
      warehouse,
      sink: ingest,
      now: options.now ?? Date.now,
      onError: (message, error) => onError(new Error(message, { cause: error })),
    });
    decisions.start();
    await consumer.start();
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    const intake = new IntakePool(limits, options.intakeWorkers);
    opened.push(intake);
    const dedupWindow = (options.dedupWindowDays ?? 30) * DAY_MS;
    const prune = setInterval(() => {
      state.messageIds.prune(Date.now() - dedupWindow).catch(onError);
    }, 3_600_000);
    prune.unref();

    let closed = false;
    return {
      paths,
      warehouse,
      state,
      pipeline,
      ingest,
      consumer,
      segments,
      decisions,
      intake,
      limits,
      sessionGapMs,
      async close() {
        if (closed) return;
        closed = true;
        clearInterval(prune);
        await decisions.stop().catch(onError);
        // Store what was accepted, but do not hang on a failing warehouse: the log keeps the rest for the next start.
        if (!consumer.error) {
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([consumer.drain(), new Promise((resolve) => (timer = setTimeout(resolve, 30_000)))]);
          clearTimeout(timer);
        }
        // Finish the segment updates of what was stored (bounded: the scheduled refresh records the rest later).
        let segmentTimer: NodeJS.Timeout | undefined;
        await Promise.race([
          segments.idle().catch(onError),
          new Promise((resolve) => (segmentTimer = setTimeout(resolve, 30_000))),
        ]);
        clearTimeout(segmentTimer);
        await segments.stop();
        await consumer.stop();
        await intake.close();
        await log.close();
        await state.close();
        await warehouse.close();
        unlock();
      },
    };
  } catch (error) {
    for (const o of opened.reverse()) await o.close().catch(() => undefined);
    unlock();
    throw error;
  }
}
