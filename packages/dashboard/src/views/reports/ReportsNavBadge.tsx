// The small count beside Reports in the navigation when the latest report deliveries failed: read once per project,
// and updated by the Reports view whenever it reads the log again (after a send-now, a retry).

import { useEffect, useState } from 'react';
import { listDeliveries } from '../../api/reports.js';
import { deliveryAlert, type DeliveryAlert } from './report-model.js';
import './reports-nav.css';

const EVENT = 'waymark:report-delivery-alert';

/** Tells the badge what the Reports view just read. */
export function announceDeliveryAlert(project: string, alert: DeliveryAlert | null): void {
  window.dispatchEvent(new CustomEvent(EVENT, { detail: { project, failed: alert?.failed.length ?? 0 } }));
}

export function ReportsNavBadge({ project }: { project: string }) {
  const [failed, setFailed] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setFailed(0);
    // A badge is a hint: when the log cannot be read, the view itself says why.
    listDeliveries(project, { limit: 100 }, controller.signal).then(
      (log) => setFailed(deliveryAlert(log.deliveries)?.failed.length ?? 0),
      () => undefined,
    );
    const follow = (e: Event) => {
      const detail = (e as CustomEvent<{ project: string; failed: number }>).detail;
      if (detail.project === project) setFailed(detail.failed);
    };
    window.addEventListener(EVENT, follow);
    return () => {
      controller.abort();
      window.removeEventListener(EVENT, follow);
    };
  }, [project]);
  if (failed === 0) return null;
  return (
    <span className="nav-alert" title={`${failed} report ${failed === 1 ? 'delivery' : 'deliveries'} failed`}>
      <span aria-hidden="true">{failed}</span>
      <span className="visually-hidden">
        ({failed} failed {failed === 1 ? 'delivery' : 'deliveries'})
      </span>
    </span>
  );
}
