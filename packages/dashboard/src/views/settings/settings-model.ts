// Settings in the user's words: who may change what, the tracking snippet and SDK instructions filled in with this
// server and a project's write key, checks of the forms before they are sent, and a generated initial password.

import type { Role } from '../../api/types.js';
import type { WriteKey } from '../../api/admin.js';

/** Only admins manage projects, write keys, users and API tokens (docs/api.md); the others read. */
export const canManage = (role: Role): boolean => role === 'admin';

export const ROLES: { role: Role; label: string; may: string }[] = [
  { role: 'viewer', label: 'Viewer', may: 'reads every view and runs analyses; changes nothing' },
  { role: 'analyst', label: 'Analyst', may: 'also saves segments, insights, dashboards, slots and experiments' },
  { role: 'admin', label: 'Admin', may: 'also manages projects, write keys, users and API tokens' },
];

export const roleLabel = (role: Role): string => ROLES.find((r) => r.role === role)?.label ?? role;

const PLACEHOLDER_HOST = "'https://waymark.example.com'";
const PLACEHOLDER_KEY = "'YOUR_WRITE_KEY'";
const jsString = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * The browser SDK's snippet (packages/sdk/snippet.html, the one docs/sdk.md shows) with this server as its host and
 * the project's write key: it loads `<host>/sdk/waymark.min.js` and records a page view.
 */
export function browserSnippet(template: string, host: string, writeKey: string): string {
  return template
    .replace(/^<!--[\s\S]*?-->\s*/, '')
    .replace(PLACEHOLDER_HOST, jsString(host))
    .replace(PLACEHOLDER_KEY, jsString(writeKey))
    .trim();
}

/** Sending events and deciding slots from a Node server (docs/sdk.md#node). */
export function nodeSnippet(host: string, writeKey: string): string {
  return [
    "import { Waymark } from '@waymark/sdk/node';",
    '',
    `const waymark = new Waymark({ writeKey: ${jsString(writeKey)}, host: ${jsString(host)} });`,
    '',
    "waymark.identify({ userId: 'user-42', traits: { email: 'ann@example.com' } });",
    "waymark.track({ userId: 'user-42', event: 'Order Completed', properties: { revenue: 30 } });",
    '',
    'await waymark.close(); // sends everything still queued',
  ].join('\n');
}

/** One event with curl (`POST /v1/track`, the write key as the basic-auth user). */
export function curlSnippet(host: string, writeKey: string): string {
  const shellQuoted = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;
  return [
    `curl -u ${shellQuoted(`${writeKey}:`)} ${shellQuoted(`${host}/v1/track`)} \\`,
    "  -H 'Content-Type: application/json' \\",
    `  -d '{"userId": "user-42", "event": "Order Completed", "properties": {"revenue": 30}}'`,
  ].join('\n');
}

/** The key a new snippet should use: the newest live one. */
export function liveKey(keys: WriteKey[]): string | undefined {
  return [...keys].filter((k) => k.revokedAt === null).sort((a, b) => b.createdAt - a.createdAt)[0]?.key;
}

/** All keys, live ones first, newest first within each. */
export const keysInOrder = (keys: WriteKey[]): WriteKey[] =>
  [...keys].sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.createdAt - a.createdAt);

/** What is wrong with a new user, in words, or null; the server checks the same. */
export function newUserProblem(input: { email: string; password: string }): string | null {
  if (!/^[^@\s]+@[^@\s]+$/.test(input.email.trim())) return 'The email must be an email address.';
  return passwordProblem(input.password);
}

export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'The password must be at least 10 characters.';
  if (password.length > 200) return 'The password must be at most 200 characters.';
  return null;
}

/** What is wrong with a new project, or null: a name, and an id of letters, digits, `-` and `_` if one is given. */
export function newProjectProblem(input: { name: string; id: string }): string | null {
  if (input.name.trim() === '') return 'Give the project a name.';
  if (input.id !== '' && !/^[a-z0-9][a-z0-9_-]{0,62}$/i.test(input.id))
    return 'The id must be 1–63 letters, digits, “-” or “_”, starting with a letter or digit.';
  return null;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random initial password of 16 characters, without look-alikes (0/O, 1/l/I); `random` fills bytes. */
export function generatePassword(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(16));
  // 256 is not a multiple of the alphabet's length: drawing by modulo is slightly uneven, which is harmless here
  // (the password is changed by its owner) and keeps it simple.
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** A time in milliseconds as a short date: `Nov 23, 2026`. */
export function formatDate(ms: number): string {
  return new Date(ms).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}
