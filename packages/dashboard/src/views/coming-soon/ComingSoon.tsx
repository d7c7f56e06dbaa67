// The page of a view not built yet: what it will do, and where the same analysis runs today.

import type { ViewInfo } from '../../app/views.js';
import { ViewIcon } from '../../app/icons.js';

export function ComingSoon({ view }: { view: ViewInfo }) {
  return (
    <div className="view">
      <header className="view-header">
        <h1>{view.label}</h1>
        <p className="view-summary">{view.summary}</p>
      </header>
      <section className="panel coming-soon" aria-label={`${view.label} is coming`}>
        <div className="coming-badge">
          <ViewIcon id={view.id} />
          Coming in a next release
        </div>
        <h2 className="panel-title">What this view will show</h2>
        <ul className="coming-list">
          {(view.coming ?? []).map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        {view.meanwhile && (
          <p className="coming-meanwhile">
            Available today from the command line or the API: <code>{view.meanwhile}</code>
          </p>
        )}
      </section>
    </div>
  );
}
