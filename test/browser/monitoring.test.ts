import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Probe } from '../../shared/schemas/probes.ts';
import { MaintenanceWindow } from '../../shared/schemas/maintenance-windows.ts';
import { firstLoginAsManager, startYiwei, STEP_MS, type Yiwei } from './harness.ts';

// Monitoring as an operations manager uses it: real server in `serve` mode (probe engine included), Debian's chromium,
// and a TCP listener on 127.0.0.1 for the probe to find.
const NEW_PASSWORD = 'Yiwei#Monitor-2026';
const HOSPITAL = '州人民医院';
/** The engine's first run of a new probe, and the live update reaching the console, fit well within this. */
const UP_WITHIN_MS = 60_000;

let yiwei: Yiwei | undefined;
let listener: Server | undefined;

/** Fills an input whose test id sits on the input itself or on the antd wrapper around it (InputNumber). */
async function fill(page: Page, testId: string, value: string): Promise<void> {
  const el = page.getByTestId(testId);
  const isInput = await el.evaluate((node) => node.tagName === 'INPUT' || node.tagName === 'TEXTAREA');
  await (isInput ? el : el.locator('input').first()).fill(value);
}

/** A TCP port that accepts connections, like the service a real probe watches. */
function listen(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.end());
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address && typeof address === 'object') resolve({ server, port: address.port });
      else reject(new Error('no port'));
    });
  });
}

describe('monitoring in chromium', () => {
  const token = String(Date.now() % 100_000);
  const probeName = `浏览器测试 TCP ${token}`;
  const windowTitle = `季度补丁 ${token}`;

  beforeAll(async () => {
    yiwei = await startYiwei('yiwei-browser-monitoring-');
  });

  afterAll(async () => {
    listener?.close();
    await yiwei?.stop();
  });

  it('lets the manager create a TCP probe, watch it turn up, open it and schedule maintenance', async () => {
    const tcp = await listen();
    listener = tcp.server;
    const page = await firstLoginAsManager(yiwei!, NEW_PASSWORD);

    // 1. the list, reached through the 监测 menu group
    await page.getByTestId('nav-probes').click();
    await page.getByTestId('probe-summary').waitFor();
    await expect.poll(() => page.getByTestId('probe-summary-all').innerText()).toContain('全部');

    // 2. a TCP probe against the listener, every 10 s
    await page.getByTestId('probe-create').click();
    await page.getByTestId('probe-form').waitFor();
    await page.getByTestId('probe-org').click();
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: HOSPITAL }).first().click();
    await page.getByTestId('probe-kind').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="TCP 端口"]').click();
    await page.getByTestId('probe-config-port').waitFor();
    await page.getByTestId('probe-name').fill(probeName);
    await fill(page, 'probe-interval', '10');
    await fill(page, 'probe-config-host', '127.0.0.1');
    await fill(page, 'probe-config-port', String(tcp.port));
    const created = page.waitForResponse((r) => r.url().endsWith('/api/probes') && r.request().method() === 'POST');
    await page.getByTestId('probe-save').click();
    const response = await created;
    expect(response.status()).toBe(201);
    const probe = Probe.parse(await response.json());
    expect(probe).toMatchObject({ kind: 'tcp', intervalS: 10, config: { host: '127.0.0.1', port: tcp.port } });

    // 3. it shows in the list and turns 正常 once the engine has run it (live update or the minute's refresh)
    const stateTag = page.getByTestId(`probe-state-${probeName}`);
    await stateTag.waitFor();
    await expect.poll(() => stateTag.getAttribute('data-state'), { timeout: UP_WITHIN_MS, interval: 1_000 }).toBe('up');
    await expect.poll(() => stateTag.innerText()).toBe('正常');
    await expect.poll(() => page.getByTestId('probe-summary-up').innerText(), { timeout: STEP_MS }).toMatch(/[1-9]/);

    // 4. its page: state, a successful result, the target in the configuration
    await page.getByTestId(`probe-row-${probeName}`).click();
    await expect.poll(() => page.getByTestId('probe-title').innerText()).toBe(probeName);
    await expect.poll(() => page.getByTestId('probe-detail-state').innerText()).toBe('正常');
    await expect.poll(() => page.getByTestId('probe-config-card').innerText()).toContain(`127.0.0.1:${tcp.port}`);
    await expect.poll(() => page.getByTestId('probe-results').innerText(), { timeout: STEP_MS }).toContain('成功');
    await page.getByTestId('probe-latency-card').waitFor();
    await page.getByTestId('probe-monthly-card').waitFor();

    // 5. a one-off maintenance window for this probe, from the next full hour
    await page.getByTestId('probe-schedule-maintenance').click();
    await page.getByTestId('maintenance-form').waitFor();
    await page.getByTestId('maintenance-title').fill(windowTitle);
    const scheduled = page.waitForResponse((r) => r.url().endsWith('/api/maintenance-windows') && r.request().method() === 'POST');
    await page.getByTestId('maintenance-save').click();
    const windowResponse = await scheduled;
    expect(windowResponse.status()).toBe(201);
    const window = MaintenanceWindow.parse(await windowResponse.json());
    expect(window).toMatchObject({ scope: 'probe', probeId: probe.id, status: 'upcoming', recurrence: null });

    // 6. the window in the list, upcoming, and cancelled again
    await page.getByTestId('nav-maintenance').click();
    const row = page.locator('tr.ant-table-row', { has: page.getByTestId(`maintenance-row-${windowTitle}`) });
    await row.waitFor();
    await expect.poll(() => row.innerText()).toContain('未开始');
    await expect.poll(() => row.innerText()).toContain(probeName);
    await row.getByTestId('maintenance-cancel').click();
    const cancelled = page.waitForResponse((r) => r.url().endsWith(`/api/maintenance-windows/${window.id}/cancel`));
    await page.getByTestId('confirm-ok').click();
    expect((await cancelled).status()).toBe(200);
    await expect.poll(() => row.innerText()).toContain('已取消');

    // 7. pausing the probe shows at once
    await page.getByTestId('nav-probes').click();
    await page.getByTestId(`probe-row-${probeName}`).click();
    // On the probe page: the list's rows (the demo probes too) have pause buttons of their own.
    await expect.poll(() => page.getByTestId('probe-title').innerText()).toBe(probeName);
    const paused = page.waitForResponse((r) => r.url().endsWith(`/api/probes/${probe.id}/pause`));
    await page.getByTestId('probe-pause').click();
    expect((await paused).status()).toBe(200);
    await expect.poll(() => page.getByTestId('probe-detail-state').innerText()).toBe('已暂停');
    await page.context().close();
  });
});
