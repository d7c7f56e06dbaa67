import { afterEach, describe, expect, it } from 'vitest';
import { testReport } from '../../test-support/rendered-report.js';
import { closedPort, startSmtpPeer, type SmtpPeer } from '../../test-support/smtp-peer.js';
import { DeliveryError } from './delivery-error.js';
import { EmailSender } from './email.js';
import { parseSmtpUrl } from './smtp-config.js';

let peer: SmtpPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

describe('weekly report by e-mail, received by a real SMTP server', () => {
  it('arrives with its subject, recipient, HTML and text parts, and the charts inline under their cid', async () => {
    peer = await startSmtpPeer();
    const sender = new EmailSender(parseSmtpUrl(`smtp://127.0.0.1:${peer.port}?starttls=off&from=reports@shop.test`));
    const report = testReport('shop', '2026-W47');
    await sender.send(report, 'marketing@shop.test');
    sender.close();

    expect(peer.received).toHaveLength(1);
    const { envelope, mail } = peer.received[0]!;
    expect(envelope).toEqual({ from: 'reports@shop.test', to: ['marketing@shop.test'] });
    expect(mail.subject).toBe(report.subject);
    expect(mail.from?.value[0]?.address).toBe('reports@shop.test');
    const to = Array.isArray(mail.to) ? mail.to : [mail.to];
    expect(to.flatMap((a) => a?.value.map((v) => v.address))).toEqual(['marketing@shop.test']);
    expect(mail.text?.trim()).toBe(report.text.trim());
    // The HTML part as sent, its images still referenced by content id (the peer parses with keepCidLinks).
    expect(mail.html).toBe(report.html);
    expect(mail.headers.get('x-waymark-week')).toBe('2026-W47');

    expect(mail.attachments.map((a) => a.contentId)).toEqual(report.images.map((i) => `<${i.cid}>`));
    for (const [i, attachment] of mail.attachments.entries()) {
      const image = report.images[i]!;
      expect(attachment.contentType).toBe('image/png');
      expect(attachment.contentDisposition).toBe('inline');
      expect(attachment.filename).toBe(image.filename);
      expect(attachment.related).toBe(true);
      expect(attachment.content.equals(image.content)).toBe(true);
      expect(attachment.content.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(report.html).toContain(`cid:${image.cid}`);
    }
  });

  it('logs in and upgrades with STARTTLS when the configuration requires it', async () => {
    peer = await startSmtpPeer({ starttls: true, auth: { user: 'waymark', pass: 's3cret pass' } });
    const config = parseSmtpUrl(`smtp://waymark@127.0.0.1:${peer.port}?starttls=required&tlsVerify=false`, {
      from: 'Waymark <reports@shop.test>',
      password: 's3cret pass',
    });
    const sender = new EmailSender(config);
    await sender.send(testReport('shop', '2026-W47'), 'cro@shop.test');
    sender.close();
    expect(peer.received.map((r) => ({ secure: r.secure, user: r.user, to: r.envelope.to }))).toEqual([
      { secure: true, user: 'waymark', to: ['cro@shop.test'] },
    ]);
    expect(peer.received[0]!.mail.from?.value[0]).toMatchObject({ name: 'Waymark', address: 'reports@shop.test' });
  });

  it('refuses to send in clear text when STARTTLS is required but not offered', async () => {
    peer = await startSmtpPeer();
    const sender = new EmailSender(parseSmtpUrl(`smtp://127.0.0.1:${peer.port}?starttls=required&from=r@shop.test`));
    await expect(sender.send(testReport('shop', '2026-W47'), 'cro@shop.test')).rejects.toBeInstanceOf(DeliveryError);
    sender.close();
    expect(peer.received).toHaveLength(0);
  });

  it.each([
    { reply: { code: 550, message: 'mailbox unavailable' }, permanent: true },
    { reply: { code: 451, message: 'try again later' }, permanent: false },
  ])('an SMTP $reply.code reply is a failure that is permanent: $permanent', async ({ reply, permanent }) => {
    peer = await startSmtpPeer({ refuse: () => reply });
    const sender = new EmailSender(parseSmtpUrl(`smtp://127.0.0.1:${peer.port}?starttls=off&from=r@shop.test`));
    const error = await sender.send(testReport('shop', '2026-W47'), 'cro@shop.test').catch((e: unknown) => e);
    sender.close();
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).permanent).toBe(permanent);
    expect((error as DeliveryError).message).toContain(String(reply.code));
    expect((error as DeliveryError).message).toContain(reply.message);
  });

  it('a refused connection is a temporary failure naming the server', async () => {
    const port = await closedPort();
    const sender = new EmailSender(parseSmtpUrl(`smtp://127.0.0.1:${port}?from=r@shop.test`));
    const error = (await sender
      .send(testReport('shop', '2026-W47'), 'cro@shop.test')
      .catch((e: unknown) => e)) as DeliveryError;
    sender.close();
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error.permanent).toBe(false);
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });
});
