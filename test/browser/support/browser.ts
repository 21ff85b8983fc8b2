import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { webBuildStaleness } from '../../../server/web/ensure-web-build.ts';
import { DEMO_PASSWORD } from '../../../server/modules/org/demo-organisation.ts';
import { createTestEnv, TestClock, type TestEnv } from '../../support/test-context.ts';
import { fakeCameraFile } from './fake-camera.ts';

const require = createRequire(import.meta.url);
const CHROMIUM = process.env.HUKOU_CHROMIUM ?? '/usr/bin/chromium';
/** Screenshots of every page, for people to look at (git-ignored). */
export const SCREENSHOT_DIR = path.resolve('screenshots');

export interface WebEnv {
  env: TestEnv;
  baseUrl: string;
  browser: Browser;
  /** Requests the pages tried to send anywhere but our server: outbound network is an error in tests. */
  outbound: string[];
  close(): Promise<void>;
}

/**
 * A real server on a real database (SQLite or PostgreSQL, as the suite runs) serving the built web
 * application, and Debian's Chromium with a fake document camera. The build must be current:
 * `npm test` builds it before the suites (scripts/run-tests.ts).
 */
export async function startWebEnv(): Promise<WebEnv> {
  // HUKOU_TEST_WEB_DIR: a build of one's own (vite build --outDir), used as it is.
  const ownBuild = process.env.HUKOU_TEST_WEB_DIR;
  const stale = ownBuild ? null : webBuildStaleness();
  assert.equal(stale, null, `the web build is out of date (${stale}): run npm test, or npm run build`);
  // Real time: the browser counts deadlines down with its own clock.
  const env = await createTestEnv({ webDir: path.resolve(ownBuild ?? 'web/dist'), clock: new TestClock(Date.now()) });
  await env.app.listen({ host: '127.0.0.1', port: 0 });
  const address = env.app.server.address();
  assert.ok(address && typeof address === 'object');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const camera = await fakeCameraFile(path.join(os.tmpdir(), 'hukou-browser'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${camera}`,
    ],
  });
  const outbound: string[] = [];
  return {
    env,
    baseUrl,
    browser,
    outbound,
    async close() {
      await browser.close();
      await env.close();
      assert.deepEqual(outbound, [], 'pages sent requests outside the system');
    },
  };
}

export interface PageOptions {
  locale?: 'zh-CN' | 'en';
  viewport?: { width: number; height: number };
}

/** A fresh browser profile (no cookies) on the system, in the chosen language and window size. */
export async function openPage(web: WebEnv, options: PageOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await web.browser.newContext({
    baseURL: web.baseUrl,
    viewport: options.viewport ?? { width: 1366, height: 768 },
    locale: options.locale ?? 'zh-CN',
    permissions: ['camera'],
  });
  // The profile's first language; a switch made on the page then sticks, as it does for a person.
  await context.addInitScript((locale: string) => {
    if (!localStorage.getItem('hukou.locale')) localStorage.setItem('hukou.locale', locale);
  }, options.locale ?? 'zh-CN');
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(web.baseUrl) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    web.outbound.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByLabel(/用户名|User name/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.getByTestId('header-user').waitFor();
}

/**
 * Waits until the page's finite animations and transitions are over (antd's dialogs zoom in, messages
 * slide), so what is checked is what a person sees. Endless ones (spinners) do not count.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity),
  );
}

/**
 * The open dialog (the one with this text, if given) once it has finished opening. A dialog zooms in
 * from the pointer; under load a click can land while its button is still moving, mousedown and
 * mouseup fall on different elements and the click is lost (seen in CI). A person clicks a dialog
 * that stands; so do the tests.
 */
export async function standingDialog(page: Page, hasText?: string | RegExp): Promise<Locator> {
  const dialog = page.getByRole('dialog').filter(hasText === undefined ? { visible: true } : { visible: true, hasText });
  await dialog.waitFor();
  await settle(page);
  return dialog;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await settle(page);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core run in the page. It is evaluated through the DevTools protocol, which the page's CSP does
 * not govern, so the policy under test stays as strict as in production. Serious and critical
 * violations fail.
 */
export async function assertAccessible(page: Page, where: string): Promise<void> {
  await settle(page);
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [],
    `accessibility violations on ${where}`,
  );
}
