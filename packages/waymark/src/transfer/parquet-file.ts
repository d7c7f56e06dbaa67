// Parquet files written by the warehouse engine. chDB's result stream makes every chunk a complete Parquet file of
// its own, so a stream of several chunks cannot simply be concatenated (a reader would see only the last chunk's
// rows). The engine therefore writes the whole file to disk (`INSERT INTO FUNCTION file`, exact column types,
// row groups written as it goes), and the file is streamed from there. The embedded engine shares this machine's
// disk; a ClickHouse server transport would need its own way here.

import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueryParams, Warehouse } from '../warehouse/warehouse.js';

/** Writes the rows of `select` (a SELECT, its values bound in `params`) as one Parquet file at `path`, replacing it. */
export async function writeParquetFile(
  warehouse: Warehouse,
  select: string,
  params: QueryParams,
  path: string,
): Promise<void> {
  await warehouse.command(
    `INSERT INTO FUNCTION file({parquet_path:String}, 'Parquet') ${select}
     SETTINGS engine_file_truncate_on_insert = 1`,
    { ...params, parquet_path: path },
  );
}

/** The rows of `select` as the bytes of one Parquet file, written to a temporary file that is removed after. */
export async function* parquetBytes(
  warehouse: Warehouse,
  select: string,
  params: QueryParams,
): AsyncIterable<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'waymark-parquet-'));
  try {
    const path = join(dir, 'export.parquet');
    await writeParquetFile(warehouse, select, params, path);
    yield* createReadStream(path) as AsyncIterable<Uint8Array>;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
