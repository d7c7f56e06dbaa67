// Pinning saved insights to a dashboard and arranging them: order (up and down), width (half or full), unpin. Each
// change is stored at once (`PUT /api/dashboards/:id`); a refusal is shown in the server's words.

import { useId, useState } from 'react';
import type { Dashboard, DashboardItem, Insight, TileWidth } from '../../api/insights.js';
import { hashTo } from '../../lib/hash-route.js';
import { analysisLabel, move, pin, pinnable, unpin, widen } from './saved-model.js';

export interface ArrangePanelProps {
  dashboard: Dashboard;
  insights: Insight[];
  onSave: (items: DashboardItem[]) => Promise<void>;
}

export function ArrangePanel({ dashboard, insights, onSave }: ArrangePanelProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const offered = pinnable(insights, dashboard.items);
  const [chosen, setChosen] = useState('');
  const pick = offered.some((i) => i.id === chosen) ? chosen : (offered[0]?.id ?? '');
  const headingId = useId();
  const names = new Map(insights.map((i) => [i.id, i]));
  const items = dashboard.items;

  const change = async (next: DashboardItem[]) => {
    setBusy(true);
    setError(null);
    try {
      await onSave(next);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel saved-arrange" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel-title">
        Pin and arrange
      </h2>
      <form
        className="saved-pin-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (pick) void change(pin(items, pick));
        }}
      >
        <label className="field">
          <span>Saved insight to pin</span>
          <select value={pick} onChange={(e) => setChosen(e.target.value)} disabled={offered.length === 0}>
            {offered.length === 0 && <option value="">Every saved insight is pinned</option>}
            {offered.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name} ({analysisLabel(i.analysis)})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button-primary" disabled={busy || !pick}>
          Pin to dashboard
        </button>
        <span className="muted small">
          Save more from the <a href={hashTo('funnels')}>Funnels</a> view.
        </span>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {items.length > 0 && (
        <ol className="saved-arrange-list" aria-label="Pinned insights, in order">
          {items.map((item, index) => {
            const name = names.get(item.insight)?.name ?? item.insight;
            return (
              <li key={item.insight} className="saved-arrange-item">
                <span className="saved-arrange-number" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="saved-arrange-name">{name}</span>
                <label className="saved-arrange-width">
                  <span className="visually-hidden">Width of {name}</span>
                  <select
                    value={item.width}
                    disabled={busy}
                    onChange={(e) => void change(widen(items, item.insight, e.target.value as TileWidth))}
                  >
                    <option value="half">Half width</option>
                    <option value="full">Full width</option>
                  </select>
                </label>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${name} up`}
                  disabled={busy || index === 0}
                  onClick={() => void change(move(items, index, -1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${name} down`}
                  disabled={busy || index === items.length - 1}
                  onClick={() => void change(move(items, index, 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button button-quiet act-small"
                  aria-label={`Unpin ${name}`}
                  disabled={busy}
                  onClick={() => void change(unpin(items, item.insight))}
                >
                  Unpin
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
