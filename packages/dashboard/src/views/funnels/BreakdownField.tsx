// What to split the funnel's numbers by: a derived visit or device column, a property of the first step's event, or
// a trait of the person.

import { DERIVED_PROPERTIES, breakdownOfValue, breakdownValue } from './builder-model.js';
import type { FunnelChoices } from './funnel-model.js';

export interface BreakdownFieldProps {
  choices: FunnelChoices;
  /** The first step's event and its property keys. */
  first: string;
  firstKeys: string[];
  traits: string[];
  set: (patch: Partial<FunnelChoices>) => void;
  /** Someone is about to choose (the select got focus or a pointer): time to load the lists. */
  onWant: () => void;
}

export function BreakdownField({ choices, first, firstKeys, traits, set, onWant }: BreakdownFieldProps) {
  const value = breakdownValue(choices);
  const groups = [
    { label: 'Visit and device', kind: 'event', keys: DERIVED_PROPERTIES },
    { label: `${first} properties`, kind: 'event', keys: firstKeys },
    { label: 'Person traits', kind: 'trait', keys: traits },
  ];
  const offered = groups.flatMap((g) => g.keys.map((k) => `${g.kind}:${k}`));
  return (
    <label className="field">
      <span>Break down by</span>
      <select
        value={value}
        onFocus={onWant}
        onPointerDown={onWant}
        onChange={(e) => set(e.target.value === '' ? { breakdown: '' } : breakdownOfValue(e.target.value))}
      >
        <option value="">Nothing</option>
        {groups
          .filter((g) => g.keys.length > 0)
          .map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.keys.map((k) => (
                <option key={k} value={`${g.kind}:${k}`}>
                  {k}
                </option>
              ))}
            </optgroup>
          ))}
        {value !== '' && !offered.includes(value) && <option value={value}>{choices.breakdown}</option>}
      </select>
    </label>
  );
}
