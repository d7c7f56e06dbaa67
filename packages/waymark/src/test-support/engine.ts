// A real engine on a temporary data dir for API and CLI tests (one per test file: chDB allows one dir a process).

import { join } from 'node:path';
import { openEngine, type Engine, type EngineOptions } from '../engine.js';
import { testDir } from './stores.js';

export async function openTestEngine(options: Partial<EngineOptions> = {}): Promise<Engine> {
  return openEngine({ dataDir: join(testDir(), 'data'), maxWaitMs: 20, ...options, onError: (e) => console.error(e) });
}

export const basic = (writeKey: string): string => `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
