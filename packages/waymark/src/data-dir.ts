// A data directory holds everything of one Waymark installation: the chDB warehouse, the SQLite state, the ingest
// log, and while a server runs, a lock and a file telling CLI commands where that server listens.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WaymarkError } from './core/errors.js';

export interface DataDirPaths {
  root: string;
  warehouse: string;
  state: string;
  log: string;
  lock: string;
  server: string;
}

export function dataDirPaths(dir: string): DataDirPaths {
  const root = resolve(dir);
  return {
    root,
    warehouse: join(root, 'warehouse'),
    state: join(root, 'state.sqlite'),
    log: join(root, 'log'),
    lock: join(root, 'waymark.lock'),
    server: join(root, 'server.json'),
  };
}

/** Written by `waymark serve` so that CLI commands go through the running server instead of opening the files. */
export interface ServerInfo {
  pid: number;
  url: string;
  apiToken: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process whose parent has not reaped it yet (a zombie) still answers signal 0 but holds nothing.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** The server that owns the data dir, if one is running. */
export function runningServer(paths: DataDirPaths): ServerInfo | undefined {
  if (!existsSync(paths.server)) return undefined;
  try {
    const info = JSON.parse(readFileSync(paths.server, 'utf8')) as ServerInfo;
    return alive(info.pid) && info.pid !== process.pid ? info : undefined;
  } catch {
    return undefined;
  }
}

export function writeServerInfo(paths: DataDirPaths, info: ServerInfo): void {
  writeFileSync(paths.server, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
}

/** Takes the data dir for this process; refuses when another live process holds it. */
export function lockDataDir(paths: DataDirPaths): () => void {
  mkdirSync(paths.root, { recursive: true });
  if (existsSync(paths.lock)) {
    const pid = Number(readFileSync(paths.lock, 'utf8').trim());
    if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) {
      const server = runningServer(paths);
      throw new WaymarkError(
        'data_dir_in_use',
        server
          ? `the data dir ${paths.root} is owned by the Waymark server at ${server.url} (pid ${pid})`
          : `the data dir ${paths.root} is in use by another Waymark process (pid ${pid})`,
      );
    }
  }
  writeFileSync(paths.lock, String(process.pid));
  return () => {
    try {
      if (readFileSync(paths.lock, 'utf8').trim() === String(process.pid)) rmSync(paths.lock);
      rmSync(paths.server, { force: true });
    } catch {
      // Already gone: nothing to release.
    }
  };
}
