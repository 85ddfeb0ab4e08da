import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import * as OTPAuth from 'otpauth';

// Shared by the browser tests: the real server (PGlite in a temp dir, port chosen by the OS) and Debian's chromium.
const root = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
export const STEP_MS = 20_000;

export interface Yiwei {
  baseUrl: string;
  /** Demo username → initial password, as printed by the server. */
  demoPasswords: Record<string, string>;
  browser: Browser;
  /** Closes the browser, ends the server's process group and removes the temp data dir. */
  stop(): Promise<void>;
}

/** The caller's environment minus DATABASE_URL: these tests always run on a fresh PGlite. */
function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return env;
}

/** Resolves with the server's URL once it prints the demo logins and "is running". */
function waitForServer(child: ChildProcess, output: { text: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 120 s:\n${output.text}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output.text += chunk.toString();
      const running = /is running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.text);
      if (running?.[1] && /Demo accounts/.test(output.text)) {
        clearTimeout(timer);
        resolve(running[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output.text}`));
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

/** SIGTERM to the server's process group, SIGKILL after 5 s if it is still running. */
async function stopServer(server: ChildProcess): Promise<void> {
  if (!server.pid || server.exitCode !== null || server.signalCode !== null) return;
  const pid = server.pid;
  const exited = new Promise<void>((resolve) => {
    const force = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        server.kill('SIGKILL');
      }
      resolve();
    }, 5_000);
    server.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
  });
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    server.kill('SIGTERM');
  }
  await exited;
}

/**
 * Starts `server/main.ts serve` on 127.0.0.1 (port 0, fresh PGlite in a temp dir, demo data) and launches chromium.
 * If anything fails on the way, whatever was started is stopped again before the error is rethrown.
 */
export async function startYiwei(dataDirPrefix = 'yiwei-browser-'): Promise<Yiwei> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk`);
  if (!existsSync(join(root, 'web', 'dist', 'index.html'))) throw new Error('web/dist is missing: run `npm run build:web` (npm run test:browser does)');

  const dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'serve'], {
    cwd: root,
    env: { ...serverEnv(), YIWEI_HOST: '127.0.0.1', YIWEI_PORT: '0', YIWEI_DATA_DIR: dataDir, YIWEI_DEMO_DATA: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() can end it and anything it started
  });
  let browser: Browser | undefined;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    try {
      await browser?.close();
    } finally {
      await stopServer(server);
      rmSync(dataDir, { recursive: true, force: true });
    }
  };

  try {
    const output = { text: '' };
    const baseUrl = await waitForServer(server, output);
    const demoPasswords = parseDemoLogins(output.text);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    return { baseUrl, demoPasswords, browser, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A fresh desktop-sized zh-CN context whose actions time out after STEP_MS. */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  context.setDefaultTimeout(STEP_MS);
  return context;
}

/** The 运维主管 holds no admin duty: a first login only changes the initial password (no TOTP). */
export async function firstLoginAsManager(yiwei: Yiwei, newPassword: string): Promise<Page> {
  const password = yiwei.demoPasswords.manager ?? '';
  if (!password) throw new Error('no demo password for manager in the server output');
  const context = await newContext(yiwei.browser);
  const page = await context.newPage();
  await page.goto(`${yiwei.baseUrl}/login`);
  await page.getByTestId('login-username').fill('manager');
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-step-change_password').waitFor();
  await page.getByTestId('current-password').fill(password);
  await page.getByTestId('new-password').fill(newPassword);
  await page.getByTestId('confirm-password').fill(newPassword);
  await page.getByTestId('password-submit').click();
  await page.getByTestId('card-who').waitFor();
  return page;
}

/**
 * An admin account's first login (sysadmin, secadmin, auditadmin): the forced password change, TOTP enrolment with a
 * code computed from the shown secret, and the recovery codes acknowledged.
 */
export async function firstLoginWithTotp(yiwei: Yiwei, username: string, newPassword: string): Promise<Page> {
  const password = yiwei.demoPasswords[username] ?? '';
  if (!password) throw new Error(`no demo password for ${username} in the server output`);
  const context = await newContext(yiwei.browser);
  const page = await context.newPage();
  await page.goto(`${yiwei.baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-step-change_password').waitFor();
  await page.getByTestId('current-password').fill(password);
  await page.getByTestId('new-password').fill(newPassword);
  await page.getByTestId('confirm-password').fill(newPassword);
  await page.getByTestId('password-submit').click();
  await page.getByTestId('login-step-enrol_totp').waitFor();
  await page.getByTestId('totp-qr').locator('svg').waitFor();
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  await page.getByTestId('totp-code').fill(new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate());
  await page.getByTestId('totp-submit').click();
  await page.getByTestId('recovery-codes').getByText(/[A-Z0-9]{4}-[A-Z0-9]{4}/).first().waitFor();
  await page.getByTestId('recovery-saved').check();
  await page.getByTestId('recovery-continue').click();
  await page.getByTestId('card-who').waitFor();
  return page;
}
