// Spreads intake (parse, validate, normalize, serialize) of ingest requests over worker threads,
// so that on a machine with several cores the main thread is left with authentication, the durable log and storing
// batches. With no workers (or when running from TypeScript sources, as tests do) work runs on the calling thread.

import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { IngestLimits } from '../core/limits.js';
import { createCallValidator } from '../core/schema.js';
import { intakeRequest, type IntakeRequest, type IntakeResponse } from './http-intake.js';

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  worker: Worker;
}

export class IntakePool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private next = 0;
  private readonly validator;

  /** `size`: worker threads (default: one less than the cores, at least one). */
  constructor(
    private readonly limits: IngestLimits,
    size = Math.max(1, availableParallelism() - 1),
  ) {
    this.validator = createCallValidator(limits);
    const script = new URL('./intake-worker.js', import.meta.url);
    if (!existsSync(fileURLToPath(script))) return;
    for (let i = 0; i < size; i++) {
      // A young generation as large as the main thread's (see bin/waymark.js): intake allocates a lot, briefly.
      const worker = new Worker(script, { workerData: { limits }, resourceLimits: { maxYoungGenerationSizeMb: 192 } });
      worker.on('message', (message: { id: number; result?: unknown; failure?: string }) => {
        const p = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.failure !== undefined) p?.reject(new Error(message.failure));
        else p?.resolve(message.result);
      });
      // A worker that dies fails its requests (the clients retry) and leaves the pool; with none left, intake runs
      // on the main thread.
      const retire = (error: Error): void => {
        const i = this.workers.indexOf(worker);
        if (i >= 0) this.workers.splice(i, 1);
        for (const [id, p] of this.pending) {
          if (p.worker !== worker) continue;
          this.pending.delete(id);
          p.reject(error);
        }
      };
      worker.on('error', retire);
      worker.on('exit', (code) => retire(new Error(`intake worker exited with code ${code}`)));
      worker.unref();
      this.workers.push(worker);
    }
  }

  /** Number of worker threads (0: in-thread). */
  get size(): number {
    return this.workers.length;
  }

  /** An ingest request body, parsed, validated and serialized. */
  process(request: IntakeRequest): Promise<IntakeResponse> {
    if (this.workers.length === 0) return Promise.resolve(intakeRequest(request, this.validator, this.limits));
    return this.send(request);
  }

  private send(request: IntakeRequest): Promise<IntakeResponse> {
    const worker = this.workers[this.next++ % this.workers.length] as Worker;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject, worker });
      worker.postMessage({ id, request });
    });
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
