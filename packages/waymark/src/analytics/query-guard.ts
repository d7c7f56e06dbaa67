// Bounds on analysis queries, so that one heavy question cannot take the server down: a memory limit and a time
// limit on every query (ClickHouse enforces both), cancellation when the asker goes away, and errors that say
// what to do instead of an engine stack trace.

import { totalmem } from 'node:os';
import { WaymarkError } from '../core/errors.js';
import type { QueryParams, ReadOptions, StreamFormat, Warehouse } from '../warehouse/warehouse.js';

export interface QueryLimits {
  /** Memory one query may use (default: a third of the machine's, at most 8 GiB). */
  maxMemoryBytes: number;
  /** Seconds one query may run (default 120). */
  maxSeconds: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxMemoryBytes: Math.min(8 * 2 ** 30, Math.floor(totalmem() / 3)),
  maxSeconds: 120,
};

const MIB = 2 ** 20;

/** Appends the limits as query-level settings (ClickHouse applies trailing SETTINGS to the whole query). */
export function withLimits(sql: string, limits: QueryLimits): string {
  return `${sql}\nSETTINGS max_memory_usage = ${Math.floor(limits.maxMemoryBytes)}, max_execution_time = ${Math.ceil(limits.maxSeconds)}`;
}

/** Turns the engine's limit errors into Waymark's; anything else passes through unchanged. */
export function explainQueryError(error: unknown, limits: QueryLimits, signal?: AbortSignal): unknown {
  if (signal?.aborted) return new WaymarkError('cancelled', 'the query was cancelled', { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  if (/Code: 241\b|MEMORY_LIMIT_EXCEEDED|memory limit exceeded/i.test(message)) {
    return new WaymarkError(
      'query_too_large',
      `the query needs more than ${Math.round(limits.maxMemoryBytes / MIB)} MiB of memory: narrow the date range, add filters or lower the breakdown limit`,
      { cause: error },
    );
  }
  if (/Code: 159\b|TIMEOUT_EXCEEDED/.test(message)) {
    return new WaymarkError(
      'query_timeout',
      `the query ran longer than ${limits.maxSeconds} s and was stopped: narrow the date range or add filters`,
      { cause: error },
    );
  }
  return error;
}

/** A warehouse whose reads carry the limits and the signal. Writes are not an analysis's business. */
export function guardedWarehouse(
  warehouse: Warehouse,
  limits: QueryLimits = DEFAULT_QUERY_LIMITS,
  signal?: AbortSignal,
): Warehouse {
  const options: ReadOptions = signal ? { signal } : {};
  return {
    database: warehouse.database,
    migrate: () => warehouse.migrate(),
    insertEvents: (lines, token) => warehouse.insertEvents(lines, token),
    insertIdentities: (rows, token) => warehouse.insertIdentities(rows, token),
    insertRaw: (table, lines) => warehouse.insertRaw(table, lines),
    command: (sql, params) => warehouse.command(sql, params),
    close: () => warehouse.close(),
    async query<T>(sql: string, params?: QueryParams): Promise<T[]> {
      if (signal?.aborted) throw explainQueryError(new Error('aborted'), limits, signal);
      try {
        return await warehouse.query<T>(withLimits(sql, limits), params, options);
      } catch (error) {
        throw explainQueryError(error, limits, signal);
      }
    },
    async *stream(sql: string, params: QueryParams, format: StreamFormat): AsyncIterable<Uint8Array> {
      if (signal?.aborted) throw explainQueryError(new Error('aborted'), limits, signal);
      try {
        yield* warehouse.stream(withLimits(sql, limits), params, format, options);
      } catch (error) {
        throw explainQueryError(error, limits, signal);
      }
      // A stream the signal ended early is a cancellation, not a short result.
      if (signal?.aborted) throw explainQueryError(new Error('aborted'), limits, signal);
    },
  };
}
