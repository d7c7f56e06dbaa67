// The row writer on the real engine: large Parquet files (more rows than one engine block) read back whole, with
// the declared types, nulls and times; CSV and JSON lines carry the same values.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { openTestEngine } from '../test-support/engine.js';
import { testDir } from '../test-support/stores.js';
import { withOneHeader } from './export.js';
import { writeRows } from './row-writer.js';
import { col, type ExportRow, type RowSet } from './rows.js';

let engine: Engine;
let dir: string;
beforeAll(async () => {
  engine = await openTestEngine();
  dir = mkdtempSync(join(testDir(), 'row-writer-'));
});
afterAll(() => engine.close());

async function bytes(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of source) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

const T0 = Date.parse('2026-11-02T09:00:00.000Z');
const ROWS = 150_000;
const columns = [
  col('id', 'string'),
  col('n', 'integer'),
  col('x', 'number', true),
  col('at', 'time'),
  col('odd', 'boolean'),
];

/** 150,000 rows in pages of 10,000, made as they are read. */
function bigSet(): RowSet {
  function* pages(): Iterable<ExportRow[]> {
    for (let p = 0; p < ROWS; p += 10_000)
      yield Array.from({ length: 10_000 }, (_, i): ExportRow => {
        const n = p + i;
        return [`p-${n}`, n, n % 3 === 0 ? null : n / 4, T0 + n, n % 2 === 1];
      });
  }
  return { columns, pages: pages() };
}

describe('row writer', () => {
  it('writes one Parquet file with every row, whatever the engine block size', async () => {
    const path = join(dir, 'big.parquet');
    writeFileSync(path, await bytes(writeRows(engine.warehouse, bigSet(), 'parquet')));
    const [summary] = await engine.warehouse.query<Record<string, number>>(
      `SELECT count() AS rows, sum(n) AS total, countIf(x IS NULL) AS nulls, countIf(odd) AS odd,
         toUnixTimestamp64Milli(max(at)) AS last, toTypeName(at) AS at_type, toTypeName(x) AS x_type
       FROM file({path:String}, Parquet)`,
      { path },
    );
    expect(summary).toEqual({
      rows: ROWS,
      total: (ROWS * (ROWS - 1)) / 2,
      nulls: ROWS / 3,
      odd: ROWS / 2,
      last: T0 + ROWS - 1,
      at_type: "DateTime64(3, 'UTC')",
      x_type: 'Nullable(Float64)',
    });
    const [row] = await engine.warehouse.query<Record<string, unknown>>(
      `SELECT * FROM file({path:String}, Parquet) WHERE n = 7`,
      { path },
    );
    expect(row).toEqual({ id: 'p-7', n: 7, x: 1.75, at: '2026-11-02 09:00:00.007', odd: true });
  });

  it('writes the same values as CSV and JSON lines, nulls empty or null, times as ISO', async () => {
    const set = { columns, pages: [[['a,"b"', 1, null, T0, false] as ExportRow]] };
    expect((await bytes(writeRows(engine.warehouse, set, 'csv'))).toString()).toBe(
      `id,n,x,at,odd\n"a,""b""",1,,2026-11-02T09:00:00.000Z,false\n`,
    );
    expect(JSON.parse((await bytes(writeRows(engine.warehouse, set, 'jsonl'))).toString())).toEqual({
      id: 'a,"b"',
      n: 1,
      x: null,
      at: '2026-11-02T09:00:00.000Z',
      odd: false,
    });
  });

  it('keeps one CSV header over a stream of many chunks (the engine repeats it in each)', async () => {
    const sql = 'SELECT number AS n, toString(number) AS s FROM numbers(200000)';
    const raw = (await bytes(engine.warehouse.stream(sql, {}, 'CSVWithNames'))).toString().split('\n');
    expect(raw.filter((l) => l === '"n","s"').length).toBeGreaterThan(1);
    const lines = (await bytes(withOneHeader(engine.warehouse.stream(sql, {}, 'CSVWithNames')))).toString().split('\n');
    expect(lines.filter((l) => l === '"n","s"')).toHaveLength(1);
    expect(lines[0]).toBe('"n","s"');
    expect(lines.filter((l) => l !== '')).toHaveLength(200_001);
    expect(lines[200_000]).toBe('199999,"199999"');
  });
});
