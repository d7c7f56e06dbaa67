// Sends a rendered report as an e-mail through SMTP (nodemailer): an HTML part and a text part, with the charts
// attached inline under the content ids the HTML refers to (`<img src="cid:...">`).

import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { RenderedReport } from '../rendered.js';
import { DeliveryError } from './delivery-error.js';
import type { SmtpConfig } from './smtp-config.js';

/** The message for one recipient. */
export function reportMessage(report: RenderedReport, from: string, to: string): Mail.Options {
  return {
    from,
    to,
    subject: report.subject,
    html: report.html,
    text: report.text,
    attachments: report.images.map((image) => ({
      cid: image.cid,
      filename: image.filename,
      contentType: image.contentType,
      content: image.content,
      contentDisposition: 'inline' as const,
    })),
    headers: { 'X-Waymark-Project': report.projectId, 'X-Waymark-Week': report.week },
  };
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message: string;
}

/** SMTP's own verdict decides: 5xx replies are final, 4xx replies and network trouble are worth another try. */
function smtpError(error: unknown, config: SmtpConfig): DeliveryError {
  const e = error as SmtpFailure;
  if (typeof e.responseCode === 'number') {
    const reply = (e.response ?? e.message).replace(/\s+/g, ' ').trim();
    return new DeliveryError(`SMTP server refused: ${reply}`, e.responseCode >= 500, error);
  }
  if (e.code === 'ECONNREFUSED' || e.code === 'ESOCKET' || e.code === 'ECONNECTION' || e.code === 'ETIMEDOUT')
    return new DeliveryError(`cannot reach the SMTP server ${config.host}:${config.port}: ${e.message}`, false, error);
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH')
    return new DeliveryError(`SMTP login failed: ${e.message}`, false, error);
  return new DeliveryError(`SMTP: ${e.message}`, false, error);
}

export class EmailSender {
  private readonly transport: Transporter;

  constructor(private readonly config: SmtpConfig) {
    this.transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.security === 'tls',
      requireTLS: config.security === 'starttls',
      ignoreTLS: config.security === 'none',
      ...(config.auth ? { auth: config.auth } : {}),
      tls: { rejectUnauthorized: config.tlsVerify },
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
  }

  async send(report: RenderedReport, to: string): Promise<void> {
    try {
      const info = (await this.transport.sendMail(reportMessage(report, this.config.from, to))) as {
        rejected?: unknown[];
      };
      if ((info.rejected ?? []).length > 0) throw new DeliveryError(`SMTP server rejected ${to}`, true);
    } catch (error) {
      throw error instanceof DeliveryError ? error : smtpError(error, this.config);
    }
  }

  close(): void {
    this.transport.close();
  }
}
