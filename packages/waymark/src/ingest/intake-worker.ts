// Worker thread entry: runs `intakeRequest` for the main thread's ingest routes.

import { parentPort, workerData } from 'node:worker_threads';
import type { IngestLimits } from '../core/limits.js';
import { createCallValidator } from '../core/schema.js';
import { intakeRequest, type IntakeRequest } from './http-intake.js';

const limits = (workerData as { limits: IngestLimits }).limits;
const validator = createCallValidator(limits);

parentPort?.on('message', (message: { id: number; request: IntakeRequest }) => {
  try {
    parentPort?.postMessage({ id: message.id, result: intakeRequest(message.request, validator, limits) });
  } catch (e) {
    parentPort?.postMessage({ id: message.id, failure: `intake failed: ${(e as Error).message}` });
  }
});
