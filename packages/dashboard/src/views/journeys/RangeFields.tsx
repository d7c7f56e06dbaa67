// The date-range controls of the journey views' builders: a preset or two days, both included.

import { RANGE_LABELS } from './date-range-choice.js';

/** The range part of a builder's choices; `range` is a preset of `RANGE_LABELS` or of `presets`. */
export interface RangeFieldValues {
  range: string;
  from: string;
  to: string;
}

export interface RangeFieldsProps {
  /** The label of the preset select, e.g. "Conversions in". */
  label: string;
  choices: RangeFieldValues;
  onChange: (patch: Partial<RangeFieldValues>) => void;
  /** Extra presets before the fixed ones, e.g. retention's "The last 8 weeks". */
  presets?: { value: string; label: string }[];
}

export function RangeFields({ label, choices, onChange, presets = [] }: RangeFieldsProps) {
  return (
    <>
      <label className="field">
        <span>{label}</span>
        <select value={choices.range} onChange={(e) => onChange({ range: e.target.value })}>
          {presets.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
          {Object.entries(RANGE_LABELS).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      {choices.range === 'custom' && (
        <div className="inline-fields">
          <label className="field">
            <span>From</span>
            <input
              type="date"
              value={choices.from}
              max={choices.to}
              onChange={(e) => onChange({ from: e.target.value })}
            />
          </label>
          <label className="field">
            <span>To (included)</span>
            <input
              type="date"
              value={choices.to}
              min={choices.from}
              onChange={(e) => onChange({ to: e.target.value })}
            />
          </label>
        </div>
      )}
    </>
  );
}
