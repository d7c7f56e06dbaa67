import { describe, expect, it } from 'vitest';
import {
  formatAmount,
  formatChange,
  formatCount,
  formatDay,
  formatDuration,
  formatPercent,
  formatPointChange,
} from './format.js';

describe('formatting', () => {
  it('counts', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(null)).toBe('–');
  });

  it('amounts', () => {
    expect(formatAmount(1234.5)).toBe('1,234.50');
    expect(formatAmount(2_500_000)).toBe('2.5M');
    expect(formatAmount(undefined)).toBe('–');
  });

  it('percentages', () => {
    expect(formatPercent(0.1836)).toBe('18.4%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0.00123)).toBe('0.12%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(Number.NaN)).toBe('–');
  });

  it.each([
    [12.34, '+12.3%'],
    [-4, '−4.0%'],
    [0.01, '0.0%'],
    [null, 'new'],
  ] as const)('change %j reads %j', (change, text) => {
    expect(formatChange(change)).toBe(text);
  });

  it.each([
    [42_000, '42 s'],
    [374_292, '6.2 min'],
    [11_160_000, '3.1 h'],
    [206_119_606, '2.4 d'],
    [null, '–'],
  ] as const)('duration %j ms reads %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('changes of ratios in points', () => {
    expect(formatPointChange(0.06, 0.05)).toBe('+1.0 pts');
    expect(formatPointChange(0.095, 0.1)).toBe('−0.5 pts');
    expect(formatPointChange(0.1, 0.1)).toBe('0.0 pts');
    expect(formatPointChange(null, 0.1)).toBe('new');
  });

  it('days in UTC', () => {
    expect(formatDay('2026-11-23T00:00:00.000Z')).toBe('Mon, Nov 23');
  });
});
