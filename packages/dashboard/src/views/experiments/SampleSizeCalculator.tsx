// The sample-size calculator: how many persons each arm needs, and how many days that takes, prefilled from the
// experiment (its control's conversion rate, arms and traffic so far). Answers come from POST /api/stats/sample-size.

import { useState, type FormEvent } from 'react';
import { sampleSize, type Experiment, type ExperimentReport, type SampleSizeInput } from '../../api/experiments.js';
import { Failure, Loading } from '../../components/States.js';
import { formatCount } from '../../lib/format.js';
import { useAsync } from '../../lib/use-async.js';
import {
  calculatorDefaults,
  calculatorProblem,
  sampleSizeInputOf,
  sampleSizeSentence,
  type CalculatorChoices,
} from './sample-size-model.js';

interface Field {
  key: keyof CalculatorChoices;
  label: string;
  hint: string;
  step: string;
  optional?: boolean;
}

const FIELDS: Field[] = [
  { key: 'baselinePct', label: 'Baseline conversion rate (%)', hint: 'The control’s rate today', step: 'any' },
  { key: 'mdePct', label: 'Minimum detectable effect (%)', hint: 'Relative: 10 means 5% → 5.5%', step: 'any' },
  { key: 'alphaPct', label: 'Significance level (%)', hint: 'False-positive rate, two-sided', step: 'any' },
  { key: 'powerPct', label: 'Power (%)', hint: 'Chance to detect a real effect', step: 'any' },
  { key: 'arms', label: 'Arms', hint: 'Variants including control', step: '1' },
  { key: 'dailyPersons', label: 'Persons per day', hint: 'All arms together', step: '1', optional: true },
];

export interface SampleSizeCalculatorProps {
  experiment?: Experiment;
  report?: ExperimentReport;
  /** Persons in the experiment so far, to say how far it has come. */
  exposed?: number;
}

export function SampleSizeCalculator({ experiment, report, exposed }: SampleSizeCalculatorProps) {
  const [defaults] = useState(() =>
    calculatorDefaults(experiment, report, report ? Date.parse(report.at) : Date.now()),
  );
  const [choices, setChoices] = useState<CalculatorChoices>(defaults);
  const [asked, setAsked] = useState<{ input: SampleSizeInput; choices: CalculatorChoices }>(() => ({
    input: sampleSizeInputOf(defaults),
    choices: defaults,
  }));
  const answer = useAsync((signal) => sampleSize(asked.input, signal), [asked]);
  const problem = calculatorProblem(choices);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!problem) setAsked({ input: sampleSizeInputOf(choices), choices });
  };

  return (
    <section className="panel" aria-labelledby="exp-sample-heading">
      <header className="panel-header">
        <div>
          <h2 id="exp-sample-heading" className="panel-title">
            Sample-size calculator
          </h2>
          <p className="panel-subtitle">
            {defaults.baselineFrom
              ? `Prefilled from this experiment: the baseline is ${defaults.baselineFrom}.`
              : 'How many persons a test needs to detect an effect of a given size.'}
          </p>
        </div>
      </header>
      <form className="exp-calculator" onSubmit={submit} aria-label="Sample-size calculator">
        <div className="exp-calculator-fields">
          {FIELDS.map((f) => (
            <label key={f.key} className="field">
              <span>{f.label}</span>
              <input
                type="number"
                step={f.step}
                min={0}
                value={Number.isNaN(choices[f.key]) ? '' : choices[f.key]}
                placeholder={f.optional ? 'optional' : undefined}
                onChange={(e) => setChoices({ ...choices, [f.key]: e.target.valueAsNumber })}
              />
              <small className="exp-field-hint">{f.hint}</small>
            </label>
          ))}
        </div>
        <div className="exp-calculator-submit">
          {problem && (
            <p className="form-error" role="status">
              {problem}
            </p>
          )}
          <button type="submit" className="button button-primary" disabled={problem !== null}>
            Calculate
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {answer.status === 'loading' && <Loading label="Calculating…" rows={1} />}
        {answer.status === 'error' && <Failure error={answer.error} onRetry={answer.reload} />}
        {answer.status === 'done' && (
          <>
            <div className="summary-row exp-sample-stats">
              <div className="stat">
                <span className="stat-label">Persons per arm</span>
                <span className="stat-value" data-testid="sample-per-arm">
                  {formatCount(answer.data.perArm)}
                </span>
              </div>
              <div className="stat">
                <span className="stat-label">Persons in all</span>
                <span className="stat-value" data-testid="sample-total">
                  {formatCount(answer.data.total)}
                </span>
              </div>
              <div className="stat">
                <span className="stat-label">Days</span>
                <span className="stat-value" data-testid="sample-days">
                  {answer.data.days === undefined ? '–' : formatCount(answer.data.days)}
                </span>
              </div>
            </div>
            <p className="exp-sample-sentence">{sampleSizeSentence(answer.data, asked.choices, exposed)}</p>
          </>
        )}
      </div>
    </section>
  );
}
