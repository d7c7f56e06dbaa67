// Streams a query's rows as parsed objects, a chunk at a time, for folds over more rows than fit in memory.

import type { QueryParams, Warehouse } from './warehouse.js';

export async function* streamRows<T>(warehouse: Warehouse, sql: string, params: QueryParams): AsyncIterable<T> {
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of warehouse.stream(sql, params, 'JSONEachRow')) {
    const text = rest + decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line !== '') yield JSON.parse(line) as T;
  }
  rest += decoder.decode();
  if (rest.trim() !== '') yield JSON.parse(rest) as T;
}
