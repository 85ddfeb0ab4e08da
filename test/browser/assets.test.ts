import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { Asset } from '../../shared/schemas/assets.ts';
import { firstLoginAsManager, startYiwei, STEP_MS, type Yiwei } from './harness.ts';

// The asset ledger as an operations manager uses it: real server (PGlite in a temp dir), Debian's chromium.
const NEW_PASSWORD = 'Yiwei#Assets-2026';
const HOSPITAL = '州人民医院';

let yiwei: Yiwei | undefined;

/** Picks an organisation by name in an OrgTreeSelect opened by clicking `testId`. */
async function pickOrg(page: Page, testId: string, name: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-tree-node-content-wrapper', { hasText: name }).first().click();
}

/** A small ledger as hospitals type it: 品牌 glued to the name, "2019.4" months, warranty years, quantities with units. */
async function ledgerXlsx(token: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('硬件维保设备清单');
  sheet.addRow(['序号', '设备名称', '品牌', '型号', '序列号', '数量', '单位', '购置年月', '保修期限', 'IP地址', '操作系统']);
  sheet.addRow([1, `检验科服务器${token}`, '浪潮', 'NF5270M6', `SN-A-${token}`, 1, '台', '2019.4', 3, '10.1.0.5', '麒麟 V10']);
  sheet.addRow([2, `门诊瘦客户端${token}`, '联想', 'M920t', `SN-B-${token}`, '600台', '', '2023.11', 3, '', '统信 UOS']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('asset ledger in chromium', () => {
  const token = String(Date.now() % 100_000);
  const createdName = `浏览器测试服务器${token}`;
  const importedName = `检验科服务器${token}`;

  beforeAll(async () => {
    yiwei = await startYiwei('yiwei-browser-assets-');
  });

  afterAll(async () => {
    await yiwei?.stop();
  });

  it('lets the manager create an asset, import a ledger and follow an imported asset to its history', async () => {
    const page = await firstLoginAsManager(yiwei!, NEW_PASSWORD);

    // 1. create an asset by hand
    await page.getByTestId('nav-assets').click();
    await page.getByTestId('asset-create').click();
    await pickOrg(page, 'asset-org', HOSPITAL);
    await page.getByTestId('asset-kind').click();
    await page.locator('.ant-select-item-option[title="服务器"]').click();
    await page.getByTestId('asset-attributes').waitFor(); // the server kind's typed fields appear
    await page.getByTestId('asset-name').fill(createdName);
    await page.getByTestId('asset-brand').fill('戴尔');
    await page.getByTestId('asset-model').fill('R740');
    await page.getByTestId('asset-serial').fill(`CN-${token}`);
    const created = page.waitForResponse((r) => r.url().endsWith('/api/assets') && r.request().method() === 'POST');
    await page.getByTestId('asset-save').click();
    const response = await created;
    expect(response.status()).toBe(201);
    const asset = Asset.parse(await response.json());
    await expect.poll(() => page.getByTestId('asset-title').innerText()).toBe(createdName);
    await expect.poll(() => page.getByTestId('asset-code').innerText()).toBe(asset.code);
    await expect.poll(() => page.getByTestId('history-card').innerText()).toContain('创建');

    // 2. upload a ledger, check the preview, commit it
    await page.getByTestId('nav-assetImport').click();
    await pickOrg(page, 'import-org', HOSPITAL);
    await page.locator('[data-testid="import-upload"] input[type="file"]').setInputFiles({
      name: `台账${token}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await ledgerXlsx(token),
    });
    await page.getByTestId('import-preview').waitFor();
    await expect.poll(() => page.getByTestId('import-count-create').innerText()).toContain('2');
    await expect.poll(() => page.getByTestId('import-count-error').innerText()).toContain('0');
    await page.getByTestId('import-next').click();
    await page.getByTestId('import-commit-step').waitFor();
    await page.getByTestId('import-commit').click();
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('import-result').innerText(), { timeout: STEP_MS }).toContain('新增 2 项');

    // 3. the imported rows are in the ledger
    await page.getByTestId('import-to-ledger').click();
    await page.getByTestId('asset-search').locator('input').fill(token);
    await page.getByTestId('asset-search').locator('input').press('Enter');
    await page.getByTestId(`asset-row-${importedName}`).waitFor();
    await page.getByTestId(`asset-row-门诊瘦客户端${token}`).waitFor();
    await page.getByTestId(`asset-row-${createdName}`).waitFor();
    const rows = page.locator('[data-testid="asset-table"] tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(3);
    await expect.poll(() => page.locator('tr.ant-table-row', { hasText: `门诊瘦客户端${token}` }).innerText()).toContain('600 台');

    // 4. one imported asset, with its import in the history
    await page.getByTestId(`asset-row-${importedName}`).click();
    await expect.poll(() => page.getByTestId('asset-title').innerText()).toBe(importedName);
    await expect.poll(() => page.getByTestId('asset-attributes-card').innerText()).toContain('2019-04');
    const entry = page.getByTestId('history-entry').first();
    await expect.poll(() => entry.innerText()).toContain('导入');
    await expect.poll(() => entry.innerText()).toContain('manager');

    // 5. save a status filter, clear it, bring it back from 已保存的筛选
    const savedName = '在用设备';
    const statusOf = () => new URL(page.url()).searchParams.get('status');
    await page.getByTestId('nav-assets').click();
    await page.getByTestId('asset-table').waitFor();
    await expect.poll(() => page.getByTestId('saved-filter-save').isDisabled()).toBe(true);
    await page.getByTestId('filter-status').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="在用"]').click();
    await expect.poll(statusOf).toBe('in_use');
    await page.getByTestId('saved-filter-save').click();
    await page.getByTestId('saved-filter-name').fill(savedName);
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/saved-filters') && r.request().method() === 'POST');
    await page.getByTestId('saved-filter-ok').click();
    expect((await saved).status()).toBe(201);
    await expect.poll(() => page.getByTestId('saved-filter-select').innerText()).toContain(savedName);
    await page.getByTestId('filter-reset').click();
    await expect.poll(statusOf).toBeNull();
    await expect.poll(() => page.getByTestId('saved-filter-select').innerText()).not.toContain(savedName);
    await page.getByTestId('saved-filter-select').click();
    const listed = page.waitForResponse((r) => r.url().includes('/api/assets?') && new URL(r.url()).searchParams.get('status') === 'in_use');
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${savedName}"]`).click();
    expect((await listed).status()).toBe(200);
    await expect.poll(statusOf).toBe('in_use');
    expect(new URL(page.url()).searchParams.get('page')).toBeNull();
    await expect.poll(() => page.getByTestId('saved-filter-select').innerText()).toContain(savedName);
    await page.getByTestId(`asset-row-${createdName}`).waitFor(); // created by hand: 在用
    await expect.poll(async () => (await rows.allInnerTexts()).every((text) => text.includes('在用'))).toBe(true);
    await page.getByTestId('saved-filter-select').click();
    await page.getByTestId(`saved-filter-option-${savedName}`).getByTestId('saved-filter-delete').click();
    const deleted = page.waitForResponse((r) => r.url().includes('/api/saved-filters/') && r.request().method() === 'DELETE');
    await page.getByTestId('confirm-ok').click();
    expect((await deleted).status()).toBe(204);
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0); // the list closes after a delete
    await page.getByTestId('saved-filter-select').click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').innerText()).toContain('还没有保存的筛选');
    expect(statusOf()).toBe('in_use'); // deleting a filter leaves the list as it is
    await page.context().close();
  });
});
