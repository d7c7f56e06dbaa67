import { describe, expect, it } from 'vitest';
import { exportFileName, queryExportUrl, serverExportSubject, toJsonLines } from './export-files.js';

describe('panel exports', () => {
  it('writes one JSON object per row with raw values and nulls', () => {
    const lines = toJsonLines({
      columns: [
        { key: 'step', label: 'Step' },
        { key: 'persons', label: 'Persons', format: (v) => `${String(v)} people` },
        { key: 'median', label: 'Median' },
      ],
      rows: [
        { step: 'Product Viewed', persons: 3572, median: null },
        { step: 'Purchase', persons: 183, median: Number.NaN },
        { step: 'Refund', persons: 2 },
      ],
    });
    expect(
      lines
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      { step: 'Product Viewed', persons: 3572, median: null },
      { step: 'Purchase', persons: 183, median: null },
      { step: 'Refund', persons: 2, median: null },
    ]);
  });

  it('names files and query URLs', () => {
    expect(exportFileName('Funnel: Product Viewed → Purchase', 'parquet')).toBe(
      'funnel-product-viewed-purchase.parquet',
    );
    expect(queryExportUrl({ analysis: 'funnel', project: 'demo', spec: {} }, 'parquet')).toBe(
      '/api/query/funnel?project=demo&format=parquet',
    );
    expect(queryExportUrl({ analysis: 'paths', project: 'a b', spec: {}, table: 'nodes' }, 'jsonl')).toBe(
      '/api/query/paths?project=a+b&format=jsonl&table=nodes',
    );
  });

  it('asks an export address with the same query, without a spec', () => {
    const experiment = { path: '/api/export/experiment-results/checkout-reassurance', project: 'demo' };
    expect(queryExportUrl(experiment, 'parquet')).toBe(
      '/api/export/experiment-results/checkout-reassurance?project=demo&format=parquet',
    );
    expect(queryExportUrl({ ...experiment, table: 'exposures' }, 'csv')).toBe(
      '/api/export/experiment-results/checkout-reassurance?project=demo&format=csv&table=exposures',
    );
  });

  it('names what the server writes, as opposed to the table on screen', () => {
    expect(serverExportSubject({ analysis: 'retention', project: 'demo', spec: {}, table: 'average' })).toBe(
      'retention › average',
    );
    expect(serverExportSubject({ analysis: 'stages', project: 'demo', spec: {} })).toBe('stages');
    expect(serverExportSubject({ path: '/api/export/experiment-results/x', project: 'demo', table: 'metrics' })).toBe(
      'experiment-results › metrics',
    );
  });
});
