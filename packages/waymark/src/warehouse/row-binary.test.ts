import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStores, type TestStores } from '../test-support/stores.js';
import { readRowBinary, scanRowBinary, type RowBinaryReader } from './row-binary.js';

let stores: TestStores;
beforeAll(async () => {
  stores = await openTestStores();
});
afterAll(() => stores.close());

// Values that exercise every reader: multi-byte lengths, non-ASCII text, negative and 2^40-sized integers, empties.
const SQL = `SELECT toString(number) || repeat('é', number * 40) AS s, toUInt32(number * 7) AS u,
  toInt64(number * 1099511627776) - 5 AS i, toFloat64(number) / 4 AS f,
  arrayMap(x -> toFloat64(x) * 1.5, range(number)) AS fa, arrayMap(x -> toUInt32(x + 4000000000), range(number)) AS ua,
  arrayMap(x -> repeat('x', x), range(number)) AS sa
FROM numbers(6)`;

interface Row {
  s: string;
  u: number;
  i: number;
  f: number;
  fa: number[];
  ua: number[];
  sa: string[];
}
// A reused array first filled with junk: the reader must set its length, not append.
const into = <T>(fill: (a: T[]) => void): T[] => {
  const a = ['junk', 'junk', 'junk', 'junk', 'junk', 'junk', 'junk', 'junk'] as unknown as T[];
  fill(a);
  return [...a];
};
const read = (r: RowBinaryReader): Row => ({
  s: r.string(),
  u: r.uint32(),
  i: r.int64(),
  f: r.float64(),
  fa: into<number>((a) => r.float64sInto(a)),
  ua: into<number>((a) => r.uint32sInto(a)),
  sa: into<string>((a) => r.stringsInto(a)),
});

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Row[]> {
  const out: Row[] = [];
  await readRowBinary(chunks, read, (row) => out.push(row));
  return out;
}

describe('RowBinary decoding', () => {
  it('reads what chDB writes, equal to the JSON output', async () => {
    const expected = await stores.warehouse.query<Row>(SQL);
    const rows: Row[] = [];
    await scanRowBinary(stores.warehouse, SQL, {}, read, (row) => rows.push(row));
    expect(rows).toEqual(expected);
  });

  it('reassembles rows split across chunks at any byte', async () => {
    const expected = await stores.warehouse.query<Row>(SQL);
    const parts: Uint8Array[] = [];
    for await (const chunk of stores.warehouse.stream(SQL, {}, 'RowBinary')) parts.push(chunk);
    const all = Buffer.concat(parts);
    for (const size of [1, 3, 17]) {
      async function* chunks(): AsyncIterable<Uint8Array> {
        for (let i = 0; i < all.length; i += size) yield all.subarray(i, i + size);
      }
      expect(await collect(chunks())).toEqual(expected);
    }
  });

  it('says so when the output ends mid-row', async () => {
    async function* truncated(): AsyncIterable<Uint8Array> {
      yield new Uint8Array([5, 104, 105]);
    }
    await expect(collect(truncated())).rejects.toThrow(/ended mid-row/);
  });
});
