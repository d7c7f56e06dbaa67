// One customer: who they are (traits, ids), the segments they are in now, their scores (revenue, sessions, events,
// first and last seen, channels, devices), what they did most, and their whole cross-channel timeline.

import { useMemo } from 'react';
import { getProfile, profileSegments, type Profile } from '../../api/profiles.js';
import { Chart } from '../../charts/Chart.js';
import { DataPanel } from '../../components/DataPanel.js';
import { DataTable } from '../../components/DataTable.js';
import { Failure, Loading } from '../../components/States.js';
import { formatAmount, formatCount } from '../../lib/format.js';
import { hashTo } from '../../lib/hash-route.js';
import { useAsync } from '../../lib/use-async.js';
import { displayName, eventCountRows, eventCountsOption, eventCountsTable, traitsTable } from './customer-model.js';
import { Timeline } from './Timeline.js';

export function CustomerPage({ project, id }: { project: string; id: string }) {
  const profile = useAsync((signal) => getProfile(project, id, signal), [project, id]);
  return (
    <div className="view">
      <header className="view-header">
        <p className="breadcrumb">
          <a href={hashTo('customers')}>Customers</a> /
        </p>
        <h1>{profile.status === 'done' ? displayName(profile.data) : 'Customer'}</h1>
        {profile.status === 'done' && <Identity profile={profile.data} />}
      </header>
      {profile.status === 'loading' && (
        <section className="panel">
          <Loading label="Loading the customer…" rows={5} />
        </section>
      )}
      {profile.status === 'error' && <Failure error={profile.error} onRetry={profile.reload} />}
      {profile.status === 'done' && <CustomerBody project={project} profile={profile.data} />}
    </div>
  );
}

function Identity({ profile }: { profile: Profile }) {
  return (
    <p className="view-summary">
      {profile.identified ? 'Identified' : 'Anonymous'} · {profile.distinctIds.length}{' '}
      {profile.distinctIds.length === 1 ? 'id' : 'ids'}:{' '}
      {profile.distinctIds.slice(0, 4).map((d, i) => (
        <span key={d}>
          {i > 0 && ', '}
          <code>{d}</code>
        </span>
      ))}
      {profile.distinctIds.length > 4 && ` and ${profile.distinctIds.length - 4} more`}
    </p>
  );
}

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

function CustomerBody({ project, profile }: { project: string; profile: Profile }) {
  const counts = useMemo(() => eventCountsOption(profile), [profile]);
  const traits = traitsTable(profile);
  const top = Math.min(10, eventCountRows(profile).length);
  return (
    <>
      <div className="summary-row summary-row-5">
        <Stat label="Revenue" value={formatAmount(profile.revenue)} testId="customer-revenue" />
        <Stat label="Sessions" value={formatCount(profile.sessions)} />
        <Stat label="Events" value={formatCount(profile.eventCount)} testId="customer-events" />
        <Stat label="First seen" value={when(profile.firstSeen)} small />
        <Stat label="Last seen" value={when(profile.lastSeen)} small />
      </div>
      <div className="customer-layout">
        <div className="customer-side">
          <Segments project={project} id={profile.personId} />
          <section className="panel" aria-labelledby="touch-heading">
            <h2 id="touch-heading" className="panel-title">
              Channels and devices
            </h2>
            <h3 className="mini-title">Channels, in the order they first came</h3>
            <p className="chips">
              {profile.channels.length === 0 && <span className="muted">None recorded</span>}
              {profile.channels.map((c, i) => (
                <span key={c} className="chip">
                  {i === 0 && <span className="visually-hidden">First channel: </span>}
                  {c}
                </span>
              ))}
            </p>
            <h3 className="mini-title">Devices</h3>
            <ul className="device-list">
              {profile.devices.length === 0 && <li className="muted">None recorded</li>}
              {profile.devices.map((d) => (
                <li key={`${d.type}/${d.os}/${d.browser}`}>
                  <strong>{d.type || 'unknown'}</strong>{' '}
                  <span className="muted">{[d.os, d.browser].filter(Boolean).join(' · ')}</span>
                </li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby="traits-heading">
            <h2 id="traits-heading" className="panel-title">
              Traits
            </h2>
            {traits.rows.length === 0 ? (
              <p className="muted">No traits: this person has not been identified with any.</p>
            ) : (
              <DataTable table={traits} caption="Traits" />
            )}
          </section>
        </div>
        <div className="customer-main">
          <DataPanel
            title="What they did most"
            subtitle={`The ${top} most frequent of their events; the table lists all.`}
            table={eventCountsTable(profile)}
            chart={<Chart option={counts} label="Their events by number of times" height={top * 30 + 24} />}
          />
          <Timeline project={project} id={profile.personId} />
        </div>
      </div>
    </>
  );
}

function Segments({ project, id }: { project: string; id: string }) {
  const segments = useAsync((signal) => profileSegments(project, id, signal), [project, id]);
  return (
    <section className="panel" aria-labelledby="segments-heading">
      <h2 id="segments-heading" className="panel-title">
        Segments now
      </h2>
      {segments.status === 'loading' && <Loading label="Loading segments…" rows={2} />}
      {segments.status === 'error' && <Failure error={segments.error} onRetry={segments.reload} />}
      {segments.status === 'done' &&
        (segments.data.length === 0 ? (
          <p className="muted">In no saved segment.</p>
        ) : (
          <p className="chips" data-testid="customer-segments">
            {segments.data.map((s) => (
              <a key={s.id} className="chip chip-link" href={hashTo('segments', s.id)}>
                {s.name}
              </a>
            ))}
          </p>
        ))}
    </section>
  );
}

function Stat(props: { label: string; value: string; testId?: string; small?: boolean }) {
  return (
    <div className="stat">
      <span className="stat-label">{props.label}</span>
      <span className={props.small ? 'stat-value stat-value-small' : 'stat-value'} data-testid={props.testId}>
        {props.value}
      </span>
    </div>
  );
}
