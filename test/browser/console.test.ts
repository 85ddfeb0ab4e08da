import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import * as OTPAuth from 'otpauth';
import { InitialPassword } from '../../shared/schemas/access.ts';

// The real server (PGlite in a temp dir, port chosen by the OS) driven through Debian's chromium, as a user would.
const root = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const NEW_PASSWORD = 'Yiwei#Browser-2026';
const STEP_MS = 20_000;

let server: ChildProcess | undefined;
let dataDir: string | undefined;
let baseUrl = '';
let demoPasswords: Record<string, string> = {};
let browser: Browser | undefined;
let serverOutput = '';

/** The caller's environment minus DATABASE_URL: these tests always run on a fresh PGlite. */
function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return env;
}

/** Starts `server/main.ts serve` and resolves with its URL once it prints the demo logins and "is running". */
function startServer(): Promise<string> {
  dataDir = mkdtempSync(join(tmpdir(), 'yiwei-browser-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'serve'], {
    cwd: root,
    env: { ...serverEnv(), YIWEI_HOST: '127.0.0.1', YIWEI_PORT: '0', YIWEI_DATA_DIR: dataDir, YIWEI_DEMO_DATA: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so afterAll can end it and anything it started
  });
  server = child;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 120 s:\n${serverOutput}`)), 120_000);
    const onData = (chunk: Buffer) => {
      serverOutput += chunk.toString();
      const running = /is running on (http:\/\/127\.0\.0\.1:\d+)/.exec(serverOutput);
      if (running?.[1] && /Demo accounts/.test(serverOutput)) {
        clearTimeout(timer);
        resolve(running[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${serverOutput}`));
    });
  });
}

/** " sysadmin     KTEWCb$aiR3UqE   系统管理员（…）" → { sysadmin: 'KTEWCb$aiR3UqE', … } */
function parseDemoLogins(output: string): Record<string, string> {
  const logins: Record<string, string> = {};
  for (const m of output.matchAll(/^ ([a-z][\w.-]*) {2,}(\S+) {2,}\S/gm)) {
    if (m[1] && m[2]) logins[m[1]] = m[2];
  }
  return logins;
}

function stopServer(): void {
  if (!server?.pid || server.exitCode !== null) return;
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    server.kill('SIGTERM');
  }
}

/** Logs in with a demo account's initial password and walks the forced password change and TOTP enrolment. */
async function firstLogin(username: string): Promise<Page> {
  if (!browser) throw new Error('browser not started');
  const password = demoPasswords[username];
  expect(password, `demo password for ${username} in the server output`).toBeTruthy();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  context.setDefaultTimeout(STEP_MS);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);

  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password ?? '');
  await page.getByTestId('login-submit').click();

  await page.getByTestId('login-step-change_password').waitFor();
  await page.getByTestId('current-password').fill(password ?? '');
  await page.getByTestId('new-password').fill(NEW_PASSWORD);
  await page.getByTestId('confirm-password').fill(NEW_PASSWORD);
  await page.getByTestId('password-submit').click();

  await page.getByTestId('login-step-enrol_totp').waitFor();
  await page.getByTestId('totp-qr').locator('svg').waitFor();
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate();
  await page.getByTestId('totp-code').fill(code);
  await page.getByTestId('totp-submit').click();

  await expect.poll(() => page.getByTestId('recovery-codes').innerText(), { timeout: STEP_MS }).toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}/);
  await page.getByTestId('recovery-saved').check();
  await page.getByTestId('recovery-continue').click();
  await page.getByTestId('card-who').waitFor();
  return page;
}

describe('web console in chromium', () => {
  let createdUserId = '';
  const newUsername = `browser.${Date.now() % 100_000}`;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk`);
    if (!existsSync(join(root, 'web', 'dist', 'index.html'))) throw new Error('web/dist is missing: run `npm run build:web` (npm run test:browser does)');
    baseUrl = await startServer();
    demoPasswords = parseDemoLogins(serverOutput);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    stopServer();
    if (server && server.exitCode === null) {
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          if (server?.pid) process.kill(-server.pid, 'SIGKILL');
          resolve();
        }, 5_000);
        server?.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
      });
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes the sysadmin through the first login and lets them create a user', async () => {
    const page = await firstLogin('sysadmin');
    await expect.poll(() => page.getByTestId('user-menu').innerText()).toContain('系统管理员');

    await page.getByTestId('nav-users').click();
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-username').fill(newUsername);
    await page.getByTestId('user-display-name').fill('浏览器测试');
    await page.getByTestId('user-org').click();
    await page.locator('.ant-select-tree-node-content-wrapper').first().click();

    const created = page.waitForResponse((r) => r.url().endsWith('/api/users') && r.request().method() === 'POST');
    await page.getByTestId('user-form-ok').click();
    const response = await created;
    expect(response.status()).toBe(201);
    createdUserId = InitialPassword.parse(await response.json()).user.id;

    await expect.poll(() => page.getByTestId('initial-password').innerText()).toMatch(/\S{8,}/);
    await page.getByTestId('initial-password-done').click();
    await page.getByTestId(`user-row-${newUsername}`).waitFor();
    await page.context().close();
  });

  it('shows that user creation to the auditadmin in the audit log', async () => {
    expect(createdUserId, 'the previous test created a user').not.toBe('');
    const page = await firstLogin('auditadmin');
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-object-id').fill(createdUserId);
    await page.getByTestId('audit-event-type').fill('user.create');
    await page.getByTestId('audit-search').click();

    const row = page.locator('tr.ant-table-row').filter({ hasText: createdUserId });
    await expect.poll(() => row.count(), { timeout: STEP_MS }).toBe(1);
    await expect.poll(() => row.getByTestId('audit-event').innerText()).toContain('user.create');
    await expect.poll(() => row.innerText()).toContain('sysadmin');

    await row.locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => page.getByTestId('audit-detail').innerText()).toContain(newUsername);
    await page.context().close();
  });
});
