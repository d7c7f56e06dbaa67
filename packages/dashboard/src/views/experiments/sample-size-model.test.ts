import { describe, expect, it } from 'vitest';
import { experiment, report } from './demo-report.fixture.js';
import {
  calculatorDefaults,
  calculatorProblem,
  sampleSizeInputOf,
  sampleSizeSentence,
  type CalculatorChoices,
} from './sample-size-model.js';

const choices: CalculatorChoices = {
  baselinePct: 5,
  mdePct: 10,
  alphaPct: 5,
  powerPct: 80,
  arms: 2,
  dailyPersons: 1000,
};

describe('the sample-size calculator', () => {
  it('starts from the experiment: its control rate, arms and persons per day so far', () => {
    expect(calculatorDefaults(experiment, report, Date.parse(report.at))).toEqual({
      baselinePct: 61.39,
      baselineFrom: 'Purchase in control',
      mdePct: 10,
      alphaPct: 5,
      powerPct: 80,
      arms: 2,
      dailyPersons: 97,
    });
  });

  it('falls back to general defaults without results', () => {
    const d = calculatorDefaults(undefined, undefined, 0);
    expect(d).toMatchObject({ baselinePct: 5, baselineFrom: null, arms: 2 });
    expect(d.dailyPersons).toBeNaN();
  });

  it('sends fractions, and leaves the daily rate out when unknown', () => {
    expect(sampleSizeInputOf(choices)).toEqual({
      baseline: 0.05,
      mde: 0.1,
      alpha: 0.05,
      power: 0.8,
      arms: 2,
      dailyPersons: 1000,
    });
    expect(sampleSizeInputOf({ ...choices, dailyPersons: Number.NaN })).not.toHaveProperty('dailyPersons');
  });

  it.each([
    [{ baselinePct: 0 }, 'The baseline rate must be between 0% and 100%.'],
    [{ baselinePct: Number.NaN }, 'The baseline rate must be between 0% and 100%.'],
    [{ mdePct: 0 }, 'The minimum detectable effect must be above 0%.'],
    [{ powerPct: 100 }, 'The power must be between 1% and 99.99%.'],
    [{ arms: 1.5 }, 'Arms must be a whole number from 2 to 20.'],
    [{ dailyPersons: 0 }, 'Persons per day must be above 0, or empty.'],
    [{ dailyPersons: Number.NaN }, null],
    [{}, null],
  ])('with %j says %j', (change, problem) => {
    expect(calculatorProblem({ ...choices, ...change })).toBe(problem);
  });

  it('says the answer in a sentence, with how far the experiment has come', () => {
    expect(sampleSizeSentence({ perArm: 32958, total: 65916, days: 66 }, choices, 6591)).toBe(
      'To detect a 10% relative change from 5% with 80% power, each of the 2 arms needs 32,958 persons, 65,916 in all. At 1,000 persons a day that takes about 66 days. So far 6,591 persons are in the experiment (10% of the way).',
    );
  });
});
