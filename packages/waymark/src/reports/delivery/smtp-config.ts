// The SMTP server reports are sent through, from one URL (flag `--smtp-url` or $WAYMARK_SMTP_URL):
//   smtps://user:pass@mail.example.com          TLS from the first byte (port 465 by default)
//   smtp://user:pass@mail.example.com:587       STARTTLS when the server offers it (port 587 by default)
// Query options: starttls=required|auto|off, tlsVerify=false (self-signed certificates), from=ADDRESS.

import { fail } from '../../core/field-check.js';
import { checkEmail } from './schedule.js';

export type SmtpSecurity = 'tls' | 'starttls' | 'auto' | 'none';

export interface SmtpConfig {
  host: string;
  port: number;
  /** `tls`: implicit TLS; `starttls`: refuse to send unless upgraded; `auto`: upgrade when offered; `none`: never. */
  security: SmtpSecurity;
  auth?: { user: string; pass: string };
  /** The From header: an address, optionally with a name (`Waymark <reports@example.com>`). */
  from: string;
  /** false accepts self-signed or mismatched certificates (internal relays, tests). */
  tlsVerify: boolean;
}

const STARTTLS: Record<string, SmtpSecurity> = { required: 'starttls', auto: 'auto', off: 'none' };

/** Checks a From value: `address` or `Name <address>`. */
export function checkFrom(value: string, field: string): string {
  const m = /^\s*(?:[^<>]*<([^<>]+)>|([^<>]+))\s*$/.exec(value);
  checkEmail(m?.[1] ?? m?.[2] ?? value, field);
  return value.trim();
}

/**
 * Reads an SMTP URL. `from` (e.g. $WAYMARK_SMTP_FROM) wins over `?from=`; without either, the user name is used
 * when it is an e-mail address. `password` (e.g. $WAYMARK_SMTP_PASSWORD) keeps the secret out of the URL.
 */
export function parseSmtpUrl(
  value: string,
  extra: { from?: string | undefined; password?: string | undefined } = {},
  field = 'smtp-url',
  fromField = 'smtp-from',
): SmtpConfig {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(field, 'must be a URL such as smtp://user:password@mail.example.com:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    fail(field, `must start with smtp:// or smtps://, not ${url.protocol}//`);
  if (url.hostname === '') fail(field, 'needs a host, e.g. smtp://mail.example.com');
  const implicit = url.protocol === 'smtps:';
  const port = url.port === '' ? (implicit ? 465 : 587) : Number(url.port);
  for (const key of url.searchParams.keys())
    if (!['starttls', 'tlsVerify', 'from'].includes(key))
      fail(field, `has an unknown option "${key}"; the options are starttls, tlsVerify, from`);
  const starttls = url.searchParams.get('starttls');
  if (starttls !== null && !(starttls in STARTTLS)) fail(field, 'starttls must be required, auto or off');
  if (implicit && starttls !== null) fail(field, 'starttls does not apply to smtps:// (TLS from the start)');
  const tlsVerify = url.searchParams.get('tlsVerify');
  if (tlsVerify !== null && tlsVerify !== 'true' && tlsVerify !== 'false')
    fail(field, 'tlsVerify must be true or false');
  const user = decodeURIComponent(url.username);
  const pass = extra.password ?? decodeURIComponent(url.password);
  const from = extra.from ?? url.searchParams.get('from') ?? (user.includes('@') ? user : undefined);
  if (from === undefined)
    fail(fromField, 'is needed: the sender address, e.g. "Waymark <reports@example.com>" (or ?from= in the URL)');
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    security: implicit ? 'tls' : STARTTLS[starttls ?? 'auto']!,
    ...(user === '' ? {} : { auth: { user, pass } }),
    from: checkFrom(from, fromField),
    tlsVerify: tlsVerify !== 'false',
  };
}

/** The configuration without its password, for logs and status output. */
export function describeSmtp(config: SmtpConfig): string {
  const scheme = config.security === 'tls' ? 'smtps' : 'smtp';
  const user = config.auth ? `${encodeURIComponent(config.auth.user)}@` : '';
  return `${scheme}://${user}${config.host}:${config.port} (${config.security}, from ${config.from})`;
}
