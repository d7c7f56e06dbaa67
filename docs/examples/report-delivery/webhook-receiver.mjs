// A receiver for Waymark's report webhooks that checks each request really comes from your Waymark:
//   WAYMARK_WEBHOOK_SECRET=whsec_... PORT=8788 node docs/examples/report-delivery/webhook-receiver.mjs
// Plain Node, no dependencies. Answers 204 to a verified report and 401 to anything else.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const MAX_AGE_SECONDS = 300;

/** Checks the signature of the raw body, then that it was sent recently (the signed `sentAt`). */
function verifyReport(secret, rawBody, headers, now = Date.now()) {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`);
  const given = Buffer.from(String(headers['x-waymark-signature'] ?? ''));
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad signature' };
  const body = JSON.parse(rawBody.toString('utf8'));
  // The timestamp header is a convenience; the body's sentAt is covered by the signature.
  const sentAt = Date.parse(body.sentAt);
  if (String(Math.floor(sentAt / 1000)) !== headers['x-waymark-timestamp'])
    return { ok: false, reason: 'timestamp mismatch' };
  if (Math.abs(now - sentAt) > MAX_AGE_SECONDS * 1000) return { ok: false, reason: 'too old' };
  return { ok: true, body };
}

const secret = process.env.WAYMARK_WEBHOOK_SECRET;
if (!secret) {
  console.error('set WAYMARK_WEBHOOK_SECRET to the secret of the webhook (shown when the schedule was saved)');
  process.exit(1);
}
const seen = new Set();
const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const result = verifyReport(secret, Buffer.concat(chunks), request.headers);
    if (!result.ok) {
      console.log(`rejected: ${result.reason}`);
      response.writeHead(401).end(result.reason);
      return;
    }
    const { project, week, subject, delivery } = result.body;
    // A retry carries the same delivery id: handle each report once.
    if (!seen.has(delivery)) console.log(`verified: ${project} ${week} "${subject}" (delivery ${delivery})`);
    seen.add(delivery);
    response.writeHead(204).end();
  });
});
server.listen(Number(process.env.PORT ?? 8788), '127.0.0.1', () =>
  console.log(`listening on http://127.0.0.1:${server.address().port}/waymark`),
);
