// What a rendered weekly report hands to delivery: the message parts, ready to send by e-mail or webhook.
// The report builder (weekly.ts) and renderers (render-*.ts) produce it; delivery (delivery/) only sends it.

/** One chart drawn on the server, referenced from the HTML as `cid:<cid>`. */
export interface ReportImage {
  cid: string;
  filename: string;
  contentType: 'image/png';
  content: Buffer;
}

export interface RenderedReport {
  projectId: string;
  /** ISO week, e.g. `2026-W47`. */
  week: string;
  subject: string;
  /** E-mail-safe HTML: inline styles, no scripts, images as `cid:` references to `images`. */
  html: string;
  /** Plain-text part (the Markdown rendering). */
  text: string;
  images: ReportImage[];
  /** The report as JSON (the `json` format), for webhooks and other systems. */
  json: unknown;
}
