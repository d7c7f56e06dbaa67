// A real SMTP server for tests (the `smtp-server` package on a free local port): it receives messages, parses them
// with mailparser, and can refuse some with an SMTP reply of the test's choosing.

import { createServer, type Server } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  /** Whether the session had been upgraded to TLS (STARTTLS) when the message came. */
  secure: boolean;
  user: string | undefined;
  mail: ParsedMail;
}

export interface SmtpPeerOptions {
  /** Offer STARTTLS (with smtp-server's built-in self-signed certificate). Default off. */
  starttls?: boolean;
  /** Require this login. */
  auth?: { user: string; pass: string };
  /** Decides per message (1-based count of messages offered): an SMTP reply to refuse it with, or nothing. */
  refuse?: (offered: number) => { code: number; message: string } | undefined;
}

export interface SmtpPeer {
  port: number;
  received: ReceivedMail[];
  /** Messages offered, including refused ones. */
  offered(): number;
  close(): Promise<void>;
}

export async function startSmtpPeer(options: SmtpPeerOptions = {}): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  let offered = 0;
  const server = new SMTPServer({
    disabledCommands: options.starttls ? [] : ['STARTTLS'],
    authOptional: options.auth === undefined,
    allowInsecureAuth: !options.starttls,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass)
        callback(null, { user: auth.username });
      else callback(Object.assign(new Error('invalid login'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      offered += 1;
      const refusal = options.refuse?.(offered);
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusal) {
          callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
          return;
        }
        simpleParser(Buffer.concat(chunks), { keepCidLinks: true }).then(
          (mail) => {
            received.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              secure: session.secure,
              user: session.user as string | undefined,
              mail,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  const listening = await new Promise<Server>((resolve) => {
    const net = server.listen(0, '127.0.0.1', () => resolve(net));
  });
  const address = listening.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    received,
    offered: () => offered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A local port nothing listens on (bound, then released): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}
