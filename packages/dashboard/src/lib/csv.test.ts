import { describe, expect, it } from 'vitest';
import { csvField, csvFileName, toCsv } from './csv.js';

describe('CSV', () => {
  it('writes a header of labels and one line per row, with raw numbers', () => {
    const csv = toCsv({
      columns: [
        { key: 'step', label: 'Step' },
        { key: 'persons', label: 'Persons', format: (v) => `${String(v)} people` },
        { key: 'rate', label: '% of start' },
      ],
      rows: [
        { step: 'Product Viewed', persons: 3572, rate: 1 },
        { step: 'Purchase', persons: 183, rate: 0.05123 },
      ],
    });
    expect(csv).toBe('Step,Persons,% of start\r\nProduct Viewed,3572,1\r\nPurchase,183,0.05123\r\n');
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['-1+2', "'-1+2"],
    ['@cmd', "'@cmd"],
    [null, ''],
    [-12.5, '-12.5'],
    [Number.NaN, ''],
  ] as const)('field %j is written %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('leaves missing cells empty', () => {
    const csv = toCsv({
      columns: [
        { key: 'a', label: 'A' },
        { key: 'b', label: 'B' },
      ],
      rows: [{ a: 1 }],
    });
    expect(csv).toBe('A,B\r\n1,\r\n');
  });

  it('names files from titles', () => {
    expect(csvFileName('Funnel: Product Viewed → Purchase')).toBe('funnel-product-viewed-purchase.csv');
    expect(csvFileName('Café ☕')).toBe('cafe.csv');
    expect(csvFileName('***')).toBe('data.csv');
  });
});
