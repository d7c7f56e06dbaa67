import { describe, expect, it } from 'vitest';
import { chiSquareCdf, chiSquareSurvival } from './chi-square.js';
import { normalCdf, normalQuantile, twoSidedP } from './normal.js';
import { logGamma } from './special.js';
import { studentTCdf, studentTQuantile } from './student-t.js';

// References are independent of our code: R's pnorm/qnorm/qt to 15 digits, and closed forms (t with 1 and 2 degrees
// of freedom, chi-square with 1 and 2).
describe('normal distribution', () => {
  it.each([
    [-10, 7.619853024160527e-24],
    [-5, 2.866515718791939e-7],
    [-3, 0.0013498980316301],
    [-1.959963984540054, 0.025],
    [0, 0.5],
    [1, 0.841344746068543],
    [3, 0.99865010196837],
  ])('Φ(%f) = %g to 1e-12 relative', (z, p) => {
    expect(Math.abs(normalCdf(z) - p) / p).toBeLessThan(1e-12);
  });
  it.each([
    [1e-10, -6.361340902404056],
    [0.001, -3.090232306167813],
    [0.025, -1.959963984540054],
    [0.8, 0.841621233572914],
  ])('Φ⁻¹(%g) = %f', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 12);
    expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 14);
  });
  it('keeps the old two-sided p export', () => expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 12));
});

describe("Student's t distribution", () => {
  it.each([-30, -2, -0.3, 0.5, 3, 100])('matches the Cauchy (1 df) and 2-df closed forms at t = %f', (t) => {
    expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 14);
    expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 14);
  });
  it.each([
    [0.975, 1, 12.706204736174698],
    [0.975, 10, 2.228138851986274],
    [0.975, 30, 2.042272456301238],
    [0.95, 2, 0.9 / Math.sqrt(2 * 0.95 * 0.05)], // closed form for 2 df: (2p - 1) / √(2p(1 - p))
  ])('quantile(%f, df %f) = %f (R: qt; 2 df closed form)', (p, df, t) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(t, 10);
    expect(studentTCdf(studentTQuantile(1 - p, df), df)).toBeCloseTo(1 - p, 12);
  });
  it('tends to the normal for many degrees of freedom', () => {
    expect(studentTCdf(2, 1e7)).toBeCloseTo(normalCdf(2), 7);
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959963984540054, 12);
  });
});

describe('chi-square distribution and log-gamma', () => {
  it.each([0.1, 1, 3.841458820694124, 30])('matches closed forms at x = %f', (x) => {
    expect(chiSquareCdf(x, 2)).toBeCloseTo(1 - Math.exp(-x / 2), 14);
    expect(chiSquareSurvival(x, 1)).toBeCloseTo(2 * normalCdf(-Math.sqrt(x)), 14);
  });
  it('gives the 5% critical value of 1 df', () =>
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 14));
  it('log-gamma matches factorials and √π', () => {
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });
});
