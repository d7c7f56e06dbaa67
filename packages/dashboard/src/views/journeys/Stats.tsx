// A row of headline numbers above a view's charts.

export interface StatItem {
  label: string;
  value: string;
  /** For the browser tests, which compare the number with the API's. */
  testId?: string;
  hint?: string;
}

export function Stats({ items }: { items: StatItem[] }) {
  return (
    <div className="summary-row">
      {items.map((s) => (
        <div key={s.label} className="stat">
          <span className="stat-label">{s.label}</span>
          <span className="stat-value" data-testid={s.testId}>
            {s.value}
          </span>
          {s.hint && <span className="stat-hint">{s.hint}</span>}
        </div>
      ))}
    </div>
  );
}
