// A set of event names chosen from a list: each shown as a removable chip, more added from a select.

export interface EventChipsProps {
  label: string;
  events: string[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
}

export function EventChips({ label, events, chosen, onChange }: EventChipsProps) {
  const left = events.filter((e) => !chosen.includes(e));
  return (
    <fieldset className="field">
      <legend>{label}</legend>
      {chosen.length > 0 && (
        <ul className="chips">
          {chosen.map((name) => (
            <li key={name} className="chip">
              <span>{name}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${name} from ${label.toLowerCase()}`}
                onClick={() => onChange(chosen.filter((c) => c !== name))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <select
        aria-label={`Add an event to ${label.toLowerCase()}`}
        value=""
        onChange={(e) => e.target.value && onChange([...chosen, e.target.value])}
        disabled={left.length === 0}
      >
        <option value="">{chosen.length === 0 ? 'None; add an event…' : 'Add an event…'}</option>
        {left.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
