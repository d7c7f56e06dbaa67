// The slots and experiments the Node SDK decides with: fetched from GET /v1/definitions, refreshed in the
// background, and kept as they were when a refresh fails.

import type { DecisionEnv, Experiment, Slot } from '../core.js';
import { SdkError } from '../shared/errors.js';
import { request, type Endpoint } from '../shared/http.js';
import { backoffMs, type RetryPolicy } from '../shared/retry.js';

/** The body of GET /v1/definitions. */
export interface DefinitionsBody {
  project: string;
  slots: Slot[];
  experiments: Experiment[];
  /** Current bandit traffic, by "slotId:ruleId", then by variant id. */
  banditWeights: Record<string, Record<string, number>>;
  generatedAt: string;
}

/** Definitions indexed for decide(). */
export interface Definitions {
  project: string;
  generatedAt: string;
  slots: ReadonlyMap<string, Slot>;
  env: DecisionEnv;
}

/** Indexes a definitions body; an SdkError when it is not one (the last good definitions then stay). */
export function indexDefinitions(body: unknown): Definitions | SdkError {
  const b = body as Partial<DefinitionsBody> | undefined;
  if (!b || !Array.isArray(b.slots) || !Array.isArray(b.experiments))
    return new SdkError('http', '/v1/definitions answered without "slots" and "experiments" lists');
  return {
    project: String(b.project ?? ''),
    generatedAt: String(b.generatedAt ?? ''),
    slots: new Map(b.slots.map((s) => [s.id, s])),
    env: {
      experiments: new Map(b.experiments.map((e) => [e.id, e])),
      banditWeights: new Map(Object.entries(b.banditWeights ?? {})),
    },
  };
}

export interface DefinitionsSyncOptions {
  refreshIntervalMs: number;
  retry: RetryPolicy;
  onError(error: SdkError): void;
}

export class DefinitionsSync {
  /** The last definitions fetched successfully; undefined until the first fetch succeeds. */
  current: Definitions | undefined;
  private readonly first: Promise<void>;
  private readonly interval: ReturnType<typeof setInterval>;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly options: DefinitionsSyncOptions,
  ) {
    this.first = this.firstFetch();
    // ready() may never be awaited: a failed first fetch must not become an unhandled rejection.
    this.first.catch(() => undefined);
    this.interval = setInterval(() => void this.refresh(), options.refreshIntervalMs);
    this.interval.unref?.();
  }

  /** Resolves after the first successful fetch; rejects when the server refuses the key (retrying cannot help). */
  ready(): Promise<void> {
    return this.first;
  }

  /** Fetches now; true when the definitions were replaced. */
  async refresh(): Promise<boolean> {
    const outcome = await request(this.endpoint, '/v1/definitions', { method: 'GET' });
    if (!outcome.ok) {
      this.options.onError(outcome.error);
      return false;
    }
    const indexed = indexDefinitions(outcome.body);
    if (indexed instanceof SdkError) {
      this.options.onError(indexed);
      return false;
    }
    this.current = indexed;
    return true;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.interval);
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
  }

  private async firstFetch(): Promise<void> {
    for (let failures = 1; !this.stopped; failures += 1) {
      const outcome = await request(this.endpoint, '/v1/definitions', { method: 'GET' });
      if (outcome.ok) {
        const indexed = indexDefinitions(outcome.body);
        if (!(indexed instanceof SdkError)) {
          this.current ??= indexed;
          return;
        }
        this.options.onError(indexed);
      } else {
        this.options.onError(outcome.error);
        if (!outcome.retryable) throw outcome.error;
      }
      if (this.current) return; // a background refresh got there first
      await new Promise<void>((resolve) => {
        this.retryTimer = setTimeout(resolve, backoffMs(failures, { ...this.options.retry, maxAttempts: Infinity }));
      });
    }
    throw new SdkError('invalid_call', 'the client was closed before the definitions loaded');
  }
}
