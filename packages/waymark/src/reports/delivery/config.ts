// Delivery as configured for a process (`waymark serve`, `waymark report send`): the SMTP server and the retry
// waits from flags or the environment, and the service wired to the real weekly report.

import { renderWeeklyReport, type ReportSources } from '../index.js';
import { DEFAULT_RETRY, parseRetryDelays, type RetryPolicy } from './retry.js';
import { ReportDeliveryService } from './service.js';
import { parseSmtpUrl, type SmtpConfig } from './smtp-config.js';

export interface DeliveryFlags {
  /** `--smtp-url`, default $WAYMARK_SMTP_URL. */
  smtpUrl?: string | undefined;
  /** `--smtp-from`, default $WAYMARK_SMTP_FROM. */
  smtpFrom?: string | undefined;
  /** `--report-retry`, default $WAYMARK_REPORT_RETRY, else 1m,5m,25m. */
  reportRetry?: string | undefined;
}

export interface DeliveryConfig {
  /** Absent: no e-mail (webhooks still work; e-mail deliveries are logged as failed, saying why). */
  smtp?: SmtpConfig;
  retry: RetryPolicy;
}

/** Reads the flags, falling back to the environment; errors name the flag. */
export function deliveryConfig(flags: DeliveryFlags, env: NodeJS.ProcessEnv = process.env): DeliveryConfig {
  const url = flags.smtpUrl ?? env['WAYMARK_SMTP_URL'];
  const retry = flags.reportRetry ?? env['WAYMARK_REPORT_RETRY'];
  return {
    ...(url
      ? {
          smtp: parseSmtpUrl(
            url,
            { from: flags.smtpFrom ?? env['WAYMARK_SMTP_FROM'], password: env['WAYMARK_SMTP_PASSWORD'] },
            '--smtp-url',
            '--smtp-from',
          ),
        }
      : {}),
    retry: retry ? parseRetryDelays(retry, '--report-retry') : DEFAULT_RETRY,
  };
}

/** The delivery service of an engine: renders with the weekly report builder (which also archives the report). */
export function reportDeliveryFor(
  sources: ReportSources,
  config: DeliveryConfig,
  onError: (message: string, error: unknown) => void,
): ReportDeliveryService {
  return new ReportDeliveryService({
    state: sources.state,
    render: (projectId, week) => renderWeeklyReport(sources, { projectId, ...(week ? { week } : {}) }),
    ...config,
    onError,
  });
}
