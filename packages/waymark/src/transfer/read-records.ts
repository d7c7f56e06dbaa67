// Reads an import file (JSON lines or CSV) as a stream of calls in slices, with line numbers for error reports
// and byte counts for progress bars. Nothing is buffered beyond one slice.

import { createReadStream } from 'node:fs';
import { CsvReader, csvRecordToCall, type ColumnMapping } from './csv.js';
import { parseJsonLine, type ReadItem } from '../ingest/intake-items.js';

export type { ReadItem };

export type ImportFormat = 'jsonl' | 'csv';

export interface ReadSlice {
  items: ReadItem[];
  bytesRead: number;
}

export async function* readCalls(
  file: string,
  format: ImportFormat,
  options: { sliceSize: number; mapping?: ColumnMapping; skipLines?: number },
): AsyncIterable<ReadSlice> {
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  const skip = options.skipLines ?? 0;
  let bytesRead = 0;
  let items: ReadItem[] = [];
  let line = 0;
  const decoder = new TextDecoder();

  if (format === 'jsonl') {
    let rest = '';
    const take = (text: string): void => {
      line += 1;
      if (line <= skip) return;
      const item = parseJsonLine(text, line);
      if (item) items.push(item);
    };
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) take(l);
      if (items.length >= options.sliceSize) {
        yield { items, bytesRead };
        items = [];
      }
    }
    rest += decoder.decode();
    if (rest !== '') take(rest);
    yield { items, bytesRead };
    return;
  }

  const reader = new CsvReader();
  let header: string[] | undefined;
  const mapping = options.mapping ?? {};
  const takeRecords = (records: string[][]): void => {
    for (const record of records) {
      if (header === undefined) {
        header = record.map((h) => h.trim());
        continue;
      }
      line += 1;
      if (line <= skip) continue;
      if (record.length !== header.length) {
        items.push({ line, error: `expected ${header.length} columns, found ${record.length}` });
        continue;
      }
      items.push({ line, call: csvRecordToCall(header, record, mapping) });
    }
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    const records: string[][] = [];
    reader.push(decoder.decode(chunk, { stream: true }), records);
    takeRecords(records);
    if (items.length >= options.sliceSize) {
      yield { items, bytesRead };
      items = [];
    }
  }
  const records: string[][] = [];
  reader.push(decoder.decode(), records);
  reader.end(records);
  takeRecords(records);
  yield { items, bytesRead };
}
