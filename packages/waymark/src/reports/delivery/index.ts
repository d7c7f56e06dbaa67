// Delivery of weekly reports: schedules, e-mail (SMTP) and webhooks, retries, and the delivery log.

export { DEFAULT_CRON, checkCron, nextRunTimes } from './cron.js';
export { DeliveryError } from './delivery-error.js';
export { ReportDelivery, type DeliveryTarget } from './delivery.js';
export { deliveryCounts, deliveryView, parseDeliveryFilter, type DeliveryView } from './delivery-view.js';
export { EmailSender, reportMessage } from './email.js';
export { DEFAULT_RETRY, parseRetryDelays, type RetryPolicy } from './retry.js';
export {
  DEFAULT_SCHEDULE_ID,
  SCHEDULE_KIND,
  deleteSchedule,
  getSchedule,
  listSchedules,
  parseReportSchedule,
  publicSchedule,
  saveSchedule,
  type PublicReportSchedule,
  type ReportSchedule,
} from './schedule.js';
export { deliveryConfig, reportDeliveryFor, type DeliveryConfig, type DeliveryFlags } from './config.js';
export { ReportScheduler } from './scheduler.js';
export { parseSendRequest, type SendRequest } from './send-request.js';
export { ReportDeliveryService, type RenderWeeklyReport, type SendResult } from './service.js';
export { describeSmtp, parseSmtpUrl, type SmtpConfig } from './smtp-config.js';
export { signWebhookBody, verifyWebhookSignature, type WebhookBody } from './webhook.js';
