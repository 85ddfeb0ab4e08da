import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { InitialPassword } from '../../shared/schemas/access.ts';
import { firstLoginWithTotp, startYiwei, STEP_MS, type Yiwei } from './harness.ts';

// The real server (PGlite in a temp dir, port chosen by the OS) driven through Debian's chromium, as a user would.
const NEW_PASSWORD = 'Yiwei#Browser-2026';

let yiwei: Yiwei | undefined;

/** Logs in with a demo account's initial password and walks the forced password change and TOTP enrolment. */
function firstLogin(username: string): Promise<Page> {
  if (!yiwei) throw new Error('browser not started');
  return firstLoginWithTotp(yiwei, username, NEW_PASSWORD);
}

describe('web console in chromium', () => {
  let createdUserId = '';
  const newUsername = `browser.${Date.now() % 100_000}`;

  beforeAll(async () => {
    yiwei = await startYiwei();
  });

  afterAll(async () => {
    await yiwei?.stop();
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
