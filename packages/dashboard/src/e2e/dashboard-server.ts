// What every browser test of the dashboard needs: a real Waymark server (a test engine holding the demo shop, the
// API app of buildApp, which serves the dashboard's files too), users and API sessions, and Debian's Chromium driven
// by playwright-core (no browser is ever downloaded).

import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../../../waymark/src/api/app.js';
import { hashPassword } from '../../../waymark/src/core/passwords.js';
import type { Engine } from '../../../waymark/src/engine.js';
import type { ReportDeliveryService } from '../../../waymark/src/reports/delivery/index.js';
import type { Role } from '../../../waymark/src/state/repositories/users.js';
import { openDemoEngine } from '../../../waymark/src/test-support/demo-engine.js';

export const CHROMIUM = '/usr/bin/chromium';
const DIST_INDEX = join(import.meta.dirname, '..', '..', 'dist', 'index.html');

/** Where screenshots go: a temporary folder, or with WAYMARK_SCREENSHOTS=1 docs/screenshots (the docs' pictures). */
export const SCREENSHOTS = process.env['WAYMARK_SCREENSHOTS']
  ? join(import.meta.dirname, '..', '..', '..', '..', 'docs', 'screenshots')
  : join(tmpdir(), 'waymark-dashboard-screenshots');

/**
 * Why the browser tests cannot run on this machine, or undefined when they can. They need Chromium, which
 * `.ci/run` installs, and the built dashboard, which `npm test` builds first; a developer running vitest alone
 * without them gets the tests skipped with this reason instead of failures that say nothing about the dashboard.
 */
export const browserTestsUnavailable = !existsSync(CHROMIUM)
  ? `${CHROMIUM} is missing (apt-get install -y chromium)`
  : !existsSync(DIST_INDEX)
    ? 'the dashboard is not built (npm run build)'
    : undefined;

export interface DashboardServer {
  url: string;
  engine: Engine;
  /** The API app, for asking it directly what the dashboard should show. */
  api: FastifyInstance;
  close(): Promise<void>;
}

/** `reportDelivery`: the report delivery service the server runs (send-now, schedules), made for its engine. */
export async function startDashboardServer(
  options: { reportDelivery?: (engine: Engine) => Promise<ReportDeliveryService> } = {},
): Promise<DashboardServer> {
  const engine = await openDemoEngine();
  const reportDelivery = await options.reportDelivery?.(engine);
  const api = await buildApp(engine, { logger: false, ...(reportDelivery ? { reportDelivery } : {}) });
  await api.listen({ host: '127.0.0.1', port: 0 });
  const { port } = api.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    engine,
    api,
    async close() {
      await reportDelivery?.stop();
      await api.close();
      await engine.close();
    },
  };
}

export interface ApiSession {
  cookie: string;
  csrf: string;
}

export async function addUser(
  server: DashboardServer,
  user: { email: string; name: string; role: Role; password: string },
): Promise<void> {
  await server.engine.state.users.create(
    { email: user.email, name: user.name, role: user.role, passwordHash: await hashPassword(user.password) },
    Date.now(),
  );
}

/** Signs in through the API: the session cookie and CSRF token for asking it what the dashboard should show. */
export async function signInApi(server: DashboardServer, email: string, password: string): Promise<ApiSession> {
  const login = await server.api.inject({ method: 'POST', url: '/auth/login', payload: { email, password } });
  if (login.statusCode !== 200) throw new Error(`login as ${email} failed: ${login.body}`);
  return { cookie: String(login.headers['set-cookie']).split(';')[0]!, csrf: login.json().csrfToken };
}

/** Asks the API directly, with a session, what an analysis answers for the demo project. */
export async function queryApi<R>(server: DashboardServer, session: ApiSession, analysis: string, spec: unknown) {
  const res = await server.api.inject({
    method: 'POST',
    url: `/api/query/${analysis}?project=demo`,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    payload: spec as object,
  });
  if (res.statusCode !== 200) throw new Error(`${analysis}: ${res.statusCode} ${res.body}`);
  return res.json().result as R;
}

/** Headless Chromium at a laptop's size; page errors and console errors are collected in `errors`. */
export async function openBrowser(
  errors: string[],
  options: { acceptDownloads?: boolean } = {},
): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { browser, context, page };
}

/** Signs in through the dashboard's login page and waits for the overview. */
export async function signInPage(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
}
