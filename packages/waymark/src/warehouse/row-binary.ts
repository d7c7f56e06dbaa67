// Reads ClickHouse's RowBinary output: the compact way to move many numbers from the warehouse into JavaScript.
// Numbers are read straight from the bytes (no text to parse) into arrays a caller may reuse row after row, which is
// what makes per-person scans (funnels) cheap to decode. Little-endian, as ClickHouse writes it.

import type { QueryParams, ReadOptions, Warehouse } from './warehouse.js';

/** Thrown inside a row reader when the buffered bytes end mid-row; the row is read again with more bytes. */
class NeedMoreBytes extends Error {}
const NEED_MORE = new NeedMoreBytes('row continues in the next chunk');

export class RowBinaryReader {
  private view: DataView;
  private offset = 0;
  private readonly text = new TextDecoder();

  constructor(private bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** True when every byte has been read. */
  get done(): boolean {
    return this.offset >= this.bytes.byteLength;
  }

  private need(n: number): void {
    if (this.offset + n > this.bytes.byteLength) throw NEED_MORE;
  }

  /** LEB128 length prefix of strings and arrays. */
  varUInt(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      this.need(1);
      const byte = this.bytes[this.offset++] as number;
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
      shift += 7;
    }
  }

  uint8(): number {
    this.need(1);
    return this.bytes[this.offset++] as number;
  }

  uint32(): number {
    this.need(4);
    const v = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return v;
  }

  /** Int64 as a number: exact up to 2^53, which covers millisecond timestamps and counts. */
  int64(): number {
    this.need(8);
    const lo = this.view.getUint32(this.offset, true);
    const hi = this.view.getInt32(this.offset + 4, true);
    this.offset += 8;
    return hi * 2 ** 32 + lo;
  }

  float64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return v;
  }

  string(): string {
    const n = this.varUInt();
    if (n === 0) return '';
    this.need(n);
    const s = this.text.decode(this.bytes.subarray(this.offset, this.offset + n));
    this.offset += n;
    return s;
  }

  /**
   * An Array(Float64) into `out` (its length set to the array's): callers that handle one row at a time reuse the
   * same arrays for every row, which spares the garbage collector millions of small arrays.
   */
  float64sInto(out: number[]): void {
    const n = this.varUInt();
    this.need(n * 8);
    out.length = n;
    for (let i = 0; i < n; i++) out[i] = this.view.getFloat64(this.offset + i * 8, true);
    this.offset += n * 8;
  }

  /** An Array(UInt32) into `out`, as `float64sInto`. */
  uint32sInto(out: number[]): void {
    const n = this.varUInt();
    this.need(n * 4);
    out.length = n;
    for (let i = 0; i < n; i++) out[i] = this.view.getUint32(this.offset + i * 4, true);
    this.offset += n * 4;
  }

  /** An Array(String) into `out`, as `float64sInto`. */
  stringsInto(out: string[]): void {
    const n = this.varUInt();
    out.length = n;
    for (let i = 0; i < n; i++) out[i] = this.string();
  }

  /** @internal */ mark(): number {
    return this.offset;
  }

  /** @internal */ rest(from: number): Uint8Array {
    return this.bytes.subarray(from);
  }
}

/**
 * Decodes RowBinary chunks: `read` reads one row's columns in order (it may be called again for the same row when the
 * row continues in the next chunk, so it must only read), then `each` handles the row. Rows are handled synchronously
 * within a chunk: no promise per row.
 */
export async function readRowBinary<T>(
  chunks: AsyncIterable<Uint8Array>,
  read: (r: RowBinaryReader) => T,
  each: (row: T) => void,
): Promise<void> {
  let carry: Uint8Array | undefined;
  for await (const chunk of chunks) {
    let bytes = chunk;
    if (carry) {
      bytes = new Uint8Array(carry.byteLength + chunk.byteLength);
      bytes.set(carry);
      bytes.set(chunk, carry.byteLength);
      carry = undefined;
    }
    const reader = new RowBinaryReader(bytes);
    while (!reader.done) {
      const start = reader.mark();
      let row: T;
      try {
        row = read(reader);
      } catch (error) {
        if (error !== NEED_MORE) throw error;
        carry = reader.rest(start).slice();
        break;
      }
      each(row);
    }
  }
  if (carry && carry.byteLength > 0)
    throw new Error(`the warehouse's RowBinary output ended mid-row (${carry.byteLength} bytes left)`);
}

/** Runs a query with RowBinary output and hands each row, decoded by `read`, to `each`. */
export function scanRowBinary<T>(
  warehouse: Warehouse,
  sql: string,
  params: QueryParams,
  read: (r: RowBinaryReader) => T,
  each: (row: T) => void,
  options?: ReadOptions,
): Promise<void> {
  return readRowBinary(warehouse.stream(sql, params, 'RowBinary', options), read, each);
}
