// Reports: the weekly report of any ISO week (#/reports, and #/reports/<week> for one kept week): build a week, the
// archive of past weeks, the chosen week as the server renders it (with its downloads), the delivery log with a
// notice when the latest deliveries failed, send-now and the schedules (analysts and admins change them).

import { useEffect, useMemo, type MouseEvent } from 'react';
import { listArchive, listDeliveries, listSchedules } from '../../api/reports.js';
import type { Role } from '../../api/types.js';
import { listProjects } from '../../api/waymark.js';
import { useHashPath } from '../../lib/hash-route.js';
import { useAsync } from '../../lib/use-async.js';
import { ArchivePanel } from './ArchivePanel.js';
import { BuildReport } from './BuildReport.js';
import { DeliveryPanel } from './DeliveryPanel.js';
import { announceDeliveryAlert } from './ReportsNavBadge.js';
import { ReportPanel } from './ReportPanel.js';
import { alertSentence, deliveryAlert } from './report-model.js';
import { SchedulesPanel } from './SchedulesPanel.js';
import './reports.css';

export function ReportsView({ project, role }: { project: string; role: Role }) {
  const [chosenWeek] = useHashPath();
  const canChange = role !== 'viewer';
  const archive = useAsync((signal) => listArchive(project, signal), [project]);
  const log = useAsync((signal) => listDeliveries(project, { limit: 100 }, signal), [project]);
  const schedules = useAsync((signal) => listSchedules(project, signal), [project]);
  const projects = useAsync((signal) => listProjects(signal), []);
  // The server's default week is the last complete one in the project's zone; UTC if the projects cannot be read.
  const timeZone =
    projects.status === 'loading'
      ? undefined
      : projects.status === 'done'
        ? (projects.data.find((p) => p.id === project)?.timeZone ?? 'UTC')
        : 'UTC';

  const alert = useMemo(() => (log.status === 'done' ? deliveryAlert(log.data.deliveries) : null), [log]);
  useEffect(() => {
    if (log.status === 'done') announceDeliveryAlert(project, alert);
  }, [log.status, project, alert]);

  const kept = archive.status === 'done' ? archive.data : [];
  const week = chosenWeek ?? kept[0]?.week;
  const entry = kept.find((r) => r.week === week);

  return (
    <div className="view reports-view">
      <header className="view-header view-header-actions">
        <div>
          <h1>Reports</h1>
          <p className="view-summary">
            What changed last week, where the journey leaks and what to do next: every week built is kept here, and sent
            on a schedule.
          </p>
        </div>
        {timeZone !== undefined && (
          <BuildReport
            key={`${project}/${timeZone}`}
            project={project}
            timeZone={timeZone}
            onBuilt={() => archive.reload()}
          />
        )}
      </header>
      {alert && alert.failed.length > 0 && (
        <div className="reports-notice" role="alert" data-testid="delivery-alert">
          <span className="reports-notice-mark" aria-hidden="true">
            !
          </span>
          <div>
            <p className="reports-notice-title">{alertSentence(alert)}</p>
            <ul className="reports-notice-list">
              {alert.failed.slice(0, 3).map((d) => (
                <li key={d.id}>
                  <strong>{d.target}</strong>: {d.lastError ?? 'no reason given'}
                </li>
              ))}
            </ul>
            <a href="#delivery-log" className="strong-link" onClick={(e) => scrollToLog(e)}>
              See the delivery log
            </a>
          </div>
        </div>
      )}
      <ArchivePanel archive={archive} selected={week} />
      {week !== undefined && (
        <ReportPanel key={`${project}/${week}/${entry?.generatedAt ?? ''}`} project={project} week={week} />
      )}
      <DeliveryPanel
        project={project}
        log={log}
        schedules={schedules.status === 'done' ? schedules.data : []}
        canSend={canChange}
        week={week}
        timeZone={timeZone ?? 'UTC'}
        onSent={log.reload}
      />
      <SchedulesPanel project={project} schedules={schedules} canEdit={canChange} timeZone={timeZone ?? 'UTC'} />
    </div>
  );
}

/** The log is further down the page: scroll to it without changing the hash (the hash names the week). */
function scrollToLog(e: MouseEvent) {
  e.preventDefault();
  document.getElementById('delivery-log')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}
