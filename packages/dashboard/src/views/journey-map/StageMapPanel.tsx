// The project's stage map, read-only: each stage and what puts a person in it, where the map comes from, and how to
// change it (the API; editing in the dashboard is to come).

import type { StageMap } from '../../api/types.js';
import { formatDay } from '../../lib/format.js';
import { stageCondition } from './journey-map-model.js';

export function StageMapPanel({ map }: { map: StageMap }) {
  return (
    <section className="panel" aria-labelledby="stage-map-title">
      <header className="panel-header">
        <div>
          <h2 id="stage-map-title" className="panel-title">
            Stage map
          </h2>
          <p className="panel-subtitle">
            {map.source === 'project'
              ? `This project’s own map${map.updatedAt ? `, saved ${formatDay(map.updatedAt)}` : ''}.`
              : 'The default map: this project has not saved its own.'}{' '}
            A person is in the furthest stage whose condition they have met.
          </p>
        </div>
        <span className="badge" data-testid="stage-map-source">
          {map.source === 'project' ? 'Project map' : 'Default map'}
        </span>
      </header>
      <ol className="stage-map">
        {map.stages.map((stage, i) => (
          <li key={stage.name} className="stage-map-item">
            <span className="step-number" aria-hidden="true">
              {i + 1}
            </span>
            <div>
              <p className="stage-map-name">{stage.name}</p>
              <p className="stage-map-condition">{stageCondition(stage)}</p>
            </div>
          </li>
        ))}
      </ol>
      <details className="stage-map-edit">
        <summary>How to change the stage map</summary>
        <p>
          Save the project’s own map with <code>PUT /api/stage-map?project={map.project}</code> and a body{' '}
          <code>{'{ "stages": [...] }'}</code>; <code>DELETE</code> goes back to the default. The stages, their
          conditions and their timing are described in <code>docs/analytics/stages.md</code>, section “The project’s
          stage map”.
        </p>
      </details>
    </section>
  );
}
