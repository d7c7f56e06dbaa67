// Runs the built `waymark` CLI as a user would, for tests of whole-process behaviour (start, kill -9, restart).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'waymark.js');
const DIST = join(dirname(BIN), '..', 'dist', 'cli', 'main.js');

/** The CLI tests need the compiled CLI (`npm run build`, which `npm test` runs first). */
export function builtCliAvailable(): boolean {
  return existsSync(DIST);
}

export function runCli(
  args: string[],
  options: { input?: string } = {},
): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    timeout: 300_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export interface RunningServer {
  process: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts `waymark serve` on a free port and resolves once it has printed its start-up banner. */
export function startServer(args: string[]): Promise<RunningServer> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m && out.includes('Stop with Ctrl+C')) {
        clearTimeout(timer);
        resolve({ process: child, url: m[1] as string, output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

export function serverToken(dataDir: string): string {
  return (JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')) as { apiToken: string }).apiToken;
}

export async function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
}
