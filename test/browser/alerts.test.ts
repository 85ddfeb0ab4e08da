import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { Alert } from '../../shared/schemas/alerts.ts';
import { firstLoginAsManager, firstLoginWithTotp, startYiwei, STEP_MS, type Yiwei } from './harness.ts';

// "P1 on HIS → WeCom group + on-call SMS, escalate to the manager after 10 minutes", set up by the 运维主管 in chromium
// against the real server (its worker sends through the outbox), with a WeCom-compatible robot and an HTTP SMS gateway
// listening on 127.0.0.1.
const MANAGER_PASSWORD = 'Yiwei#Alerts-2026';
const SYSADMIN_PASSWORD = 'Yiwei#AlertsAdmin-2026';
const HOSPITAL = '州人民医院';
const SCHEDULE = '信息科值班';
const ENGINEER_PHONE = '13800001111';
const MANAGER_PHONE = '13900002222';
/** The outbox worker polls every second; a message reaches the receiver well within this. */
const DELIVERED_WITHIN_MS = 20_000;

interface Received {
  path: string;
  body: string;
}

/** A local HTTP receiver answering every request with `reply`, keeping what it got. */
async function startReceiver(reply: unknown): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

/** A call to the API through the page's session, with the CSRF token the console uses. */
async function api<T = unknown>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const res = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
    },
    { method, path, body },
  );
}

/** Fills an input whose test id sits on the input itself or on the antd wrapper around it. */
async function fill(target: Locator, value: string): Promise<void> {
  const isInput = await target.evaluate((node) => node.tagName === 'INPUT' || node.tagName === 'TEXTAREA');
  await (isInput ? target : target.locator('input').first()).fill(value);
}

/**
 * Waits until no antd motion has run on screen for a few frames (a modal zooming in, a dropdown appearing): a click
 * computed on a moving popup can lose its mouseup to whatever is behind. A few quiet frames, because a motion starts a
 * frame or two after its element mounts. Motions nobody sees are left out: a button's spinner fading away at zero size
 * sometimes never gets its transitionend, and keeps its -leave class.
 */
async function settled(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const isMoving = () =>
          [...document.querySelectorAll('[class*="-enter"], [class*="-appear"], [class*="-leave"]')].some((node) => {
            const box = node.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && node.checkVisibility({ opacityProperty: true, visibilityProperty: true });
          });
        // bounded: a motion that never ends leaves the click to its own checks
        const deadline = performance.now() + 5_000;
        let quiet = 0;
        const frame = () => {
          quiet = isMoving() ? 0 : quiet + 1;
          if (quiet >= 5 || performance.now() > deadline) resolve();
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
  );
}

/**
 * Opens an antd Select (or TreeSelect), types `search` where it can search, and clicks `option` until the select shows
 * `shown`. The option list is virtual, so options far down exist only once searched for. Now and then, under load, the
 * popup realigns between mousedown and mouseup and the click goes to the modal behind it: the value is checked before
 * every further try, so a multiple select is never toggled off again.
 */
async function pick(page: Page, select: Locator, option: Locator, shown: string, search: string | null): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await settled(page);
    if ((await page.locator('.ant-select-dropdown:visible').count()) === 0) {
      await select.scrollIntoViewIfNeeded();
      await select.click();
    }
    if (search !== null && (await select.evaluate((node) => node.classList.contains('ant-select-show-search')))) await select.locator('input').fill(search);
    await settled(page);
    await option.click();
    try {
      await expect.poll(() => select.innerText(), { timeout: 2_000 }).toContain(shown);
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  if (await select.evaluate((node) => node.classList.contains('ant-select-multiple'))) {
    // not Tab (it toggles the active option off again) nor Escape (it would close the drawer around it)
    await select.locator('input').blur();
  }
}

/** Chooses the option showing `text` in an antd Select. */
async function choose(page: Page, select: Locator, text: string): Promise<void> {
  await pick(page, select, page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first(), text, text);
}

/** Picks an organisation in an OrgTreeSelect, searching for it so the tree stays short. */
async function pickOrg(page: Page, select: Locator, name: string): Promise<void> {
  await pick(page, select, page.locator(`.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="${name}"]`), name, name);
}

/** "2026-11-22 17:40:05" as the console shows times (China time). */
function chinaTime(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

let yiwei: Yiwei | undefined;
let wecom: Awaited<ReturnType<typeof startReceiver>> | undefined;
let sms: Awaited<ReturnType<typeof startReceiver>> | undefined;

describe('alerting in chromium', () => {
  const token = String(Date.now() % 100_000);
  const wecomName = `信息科值班群 ${token}`;
  const smsName = `短信网关 ${token}`;
  const policyName = `HIS 一级升级 ${token}`;
  const routeName = `HIS 一级告警 ${token}`;
  const assetName = `HIS 医院信息系统 ${token}`;
  const alertTitle = `门诊挂号服务无响应 ${token}`;

  beforeAll(async () => {
    [yiwei, wecom, sms] = await Promise.all([startYiwei('yiwei-browser-alerts-'), startReceiver({ errcode: 0, errmsg: 'ok' }), startReceiver({ code: 0 })]);
  });

  afterAll(async () => {
    for (const receiver of [wecom, sms]) {
      receiver?.server.closeAllConnections();
      receiver?.server.close();
    }
    await yiwei?.stop();
  });

  it('lets the manager send P1 alerts on HIS to a WeCom group and the on-call SMS, escalating to the manager after 10 minutes', async () => {
    // 0. scaffolding: the phone numbers SMS goes to (user.manage is the sysadmin's), and the HIS system the alert is about
    const admin = await firstLoginWithTotp(yiwei!, 'sysadmin', SYSADMIN_PASSWORD);
    for (const [username, phone] of [['engineer', ENGINEER_PHONE], ['manager', MANAGER_PHONE]] as const) {
      const found = await api<{ items: Array<{ id: string; username: string }> }>(admin, 'GET', `/api/users?q=${username}`);
      const user = found.json.items.find((u) => u.username === username);
      expect(user, `demo user ${username}`).toBeDefined();
      expect((await api(admin, 'PATCH', `/api/users/${user!.id}`, { phone })).status).toBe(200);
    }
    await admin.context().close();

    const page = await firstLoginAsManager(yiwei!, MANAGER_PASSWORD);
    // the console should neither crash nor complain on the way
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
    const orgs = await api<{ items: Array<{ id: string; name: string }> }>(page, 'GET', '/api/organisations');
    const hospitalId = orgs.json.items.find((o) => o.name === HOSPITAL)?.id ?? '';
    expect(hospitalId).not.toBe('');
    const asset = await api<{ id: string }>(page, 'POST', '/api/assets', { orgId: hospitalId, kindKey: 'software_system', name: assetName, attributes: { systemType: 'his' } });
    expect(asset.status).toBe(201);

    // 1. a WeCom group robot pointing at the local receiver, and a test message through it
    await page.getByTestId('nav-alertChannels').click();
    await page.getByTestId('channel-create').click();
    const channelForm = page.getByTestId('channel-form');
    await channelForm.waitFor();
    await page.getByTestId('channel-name').fill(wecomName);
    await pickOrg(page, channelForm.getByTestId('config-org'), HOSPITAL);
    await fill(page.getByTestId('channel-config-baseUrl'), `${wecom!.url}/cgi-bin/webhook/send`);
    await fill(page.getByTestId('channel-secrets-key'), `robot-key-${token}`);
    const wecomCreated = page.waitForResponse((r) => r.url().endsWith('/api/notification-channels') && r.request().method() === 'POST');
    await page.getByTestId('channel-save').click();
    const wecomResponse = await wecomCreated;
    expect(wecomResponse.status(), await wecomResponse.text()).toBe(201);
    expect(await wecomResponse.json()).toMatchObject({ kind: 'wecom', orgId: hospitalId, hasSecrets: true });

    const wecomRow = page.locator('tr.ant-table-row', { has: page.getByTestId(`channel-row-${wecomName}`) });
    await wecomRow.getByTestId('channel-test').click();
    await settled(page);
    const tested = page.waitForResponse((r) => r.url().endsWith('/test') && r.request().method() === 'POST');
    await page.getByTestId('channel-test-send').click();
    expect((await tested).status()).toBe(201);
    await expect.poll(() => page.getByTestId('channel-test-status').getAttribute('data-status'), { timeout: DELIVERED_WITHIN_MS }).toBe('sent');
    await expect.poll(() => page.getByTestId('channel-test-status').innerText()).toBe('已送达');
    expect(wecom!.received).toHaveLength(1);
    expect(wecom!.received[0]!.path).toBe(`/cgi-bin/webhook/send?key=robot-key-${token}`);
    await page.keyboard.press('Escape');

    // 2. the hospital's SMS gateway (one request per number, success when $.code is 0)
    await page.getByTestId('channel-create').click();
    await channelForm.waitFor();
    await page.getByTestId('channel-name').fill(smsName);
    await choose(page, page.getByTestId('channel-kind'), '短信（HTTP 网关）');
    await pickOrg(page, channelForm.getByTestId('config-org'), HOSPITAL);
    await fill(page.getByTestId('channel-config-url'), `${sms!.url}/sms/send`);
    await fill(page.getByTestId('channel-config-successJsonPath'), '$.code');
    const smsCreated = page.waitForResponse((r) => r.url().endsWith('/api/notification-channels') && r.request().method() === 'POST');
    await page.getByTestId('channel-save').click();
    const smsResponse = await smsCreated;
    expect(smsResponse.status(), await smsResponse.text()).toBe(201);
    expect(await smsResponse.json()).toMatchObject({ kind: 'sms_http', config: { url: `${sms!.url}/sms/send`, successJsonPath: '$.code', successValue: '0' } });
    await page.getByTestId(`channel-row-${smsName}`).waitFor();

    // 3. escalation: the person on call by SMS at once, the manager by SMS after 10 minutes without acknowledgement
    await page.getByTestId('nav-alertEscalation').click();
    await page.getByTestId('escalation-create').click();
    const policyForm = page.getByTestId('escalation-form');
    await policyForm.waitFor();
    await page.getByTestId('escalation-name').fill(policyName);
    await pickOrg(page, policyForm.getByTestId('config-org'), HOSPITAL);
    const step1 = policyForm.getByTestId('escalation-step').nth(0);
    await choose(page, step1.getByTestId('escalation-target-schedule'), SCHEDULE);
    await choose(page, step1.getByTestId('escalation-target-via'), smsName);
    await page.getByTestId('escalation-step-add').click();
    const step2 = policyForm.getByTestId('escalation-step').nth(1);
    await fill(step2.getByTestId('escalation-delay'), '10');
    await choose(page, step2.getByTestId('escalation-target-user'), '王主管');
    await choose(page, step2.getByTestId('escalation-target-via'), smsName);
    const policyCreated = page.waitForResponse((r) => r.url().endsWith('/api/escalation-policies') && r.request().method() === 'POST');
    await page.getByTestId('escalation-save').click();
    const policyResponse = await policyCreated;
    expect(policyResponse.status(), await policyResponse.text()).toBe(201);
    const policy = (await policyResponse.json()) as { id: string; steps: unknown[] };
    const smsId = ((await smsResponse.json()) as { id: string }).id;
    expect(policy.steps).toMatchObject([
      { delayMinutes: 0, targets: [{ kind: 'schedule', via: [smsId] }] },
      { delayMinutes: 10, targets: [{ kind: 'user', via: [smsId] }] },
    ]);
    await page.getByTestId(`escalation-row-${policyName}`).waitFor();

    // 4. the route: 一级 alerts on application systems of the hospital → the WeCom group and that policy, tried first
    await page.getByTestId('nav-alertRoutes').click();
    await page.getByTestId('route-create').click();
    const routeForm = page.getByTestId('route-form');
    await routeForm.waitFor();
    await page.getByTestId('route-name').fill(routeName);
    await fill(page.getByTestId('route-position'), '5');
    await pickOrg(page, routeForm.getByTestId('config-org'), HOSPITAL);
    await page.getByTestId('route-severities').getByText('一级').click();
    await choose(page, page.getByTestId('route-asset-kinds'), '应用系统');
    await choose(page, page.getByTestId('route-channels'), wecomName);
    await choose(page, page.getByTestId('route-escalation'), policyName);
    const routeCreated = page.waitForResponse((r) => r.url().endsWith('/api/alert-routes') && r.request().method() === 'POST');
    await page.getByTestId('route-save').click();
    const routeResponse = await routeCreated;
    expect(routeResponse.status(), await routeResponse.text()).toBe(201);
    expect(await routeResponse.json()).toMatchObject({
      orgId: hospitalId,
      position: 5,
      conditions: { severities: ['P1'], assetKinds: ['software_system'] },
      channelIds: [((await wecomResponse.json()) as { id: string }).id],
      escalationPolicyId: policy.id,
    });
    await page.getByTestId(`route-row-${routeName}`).waitFor();

    // 5. the route tester: a 一级 alert on the HIS system takes this route first
    const tester = page.getByTestId('route-test');
    await pickOrg(page, tester.getByTestId('route-test-org'), HOSPITAL);
    await pick(page, tester.getByTestId('route-test-asset'), page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: assetName }), assetName, token);
    await page.getByTestId('route-test-run').click();
    await expect.poll(() => page.getByTestId('route-test-match').first().innerText()).toBe(`1. ${routeName}`);

    // 6. a 一级 alert on HIS, raised through the API as a monitoring system would
    const raised = await api<Alert>(page, 'POST', '/api/alerts', { orgId: hospitalId, dedupKey: `his-registration-${token}`, severity: 'P1', title: alertTitle, summary: '挂号接口连续 3 次超时', assetId: asset.json.id });
    expect(raised.status).toBe(201);
    const alert = Alert.parse(raised.json);
    expect(alert.routeId).not.toBeNull();

    // the WeCom group gets the markdown message, the engineer on call an SMS
    await expect.poll(() => wecom!.received.length, { timeout: DELIVERED_WITHIN_MS }).toBe(2);
    const robot = JSON.parse(wecom!.received[1]!.body) as { msgtype: string; markdown?: { content: string } };
    expect(robot.msgtype).toBe('markdown');
    expect(robot.markdown?.content).toContain(alertTitle);
    expect(robot.markdown?.content).toContain(assetName);
    await expect.poll(() => sms!.received.length, { timeout: DELIVERED_WITHIN_MS }).toBe(1);
    const text = JSON.parse(sms!.received[0]!.body) as { mobile: string; content: string };
    expect(text.mobile).toBe(ENGINEER_PHONE);
    expect(text.content).toContain(alertTitle);

    // 7. the alert center shows it as 一级
    await page.getByTestId('nav-alertCenter').click();
    await expect.poll(() => page.getByTestId('alert-summary-P1-count').innerText(), { timeout: STEP_MS }).toBe('1');
    const alertRow = page.locator('[data-testid="alert-table"] tr.ant-table-row', { hasText: alertTitle });
    await expect.poll(() => alertRow.getByTestId('alert-severity').innerText()).toBe('一级');
    await expect.poll(() => alertRow.getByTestId('alert-status').innerText()).toBe('告警中');

    // 8. its page: the timeline, the next escalation 10 minutes on, and both messages sent
    await alertRow.getByTestId('alert-title').click();
    await expect.poll(() => page.getByTestId('alert-detail-title').innerText()).toBe(alertTitle);
    const timeline = page.getByTestId('alert-timeline');
    await expect.poll(() => timeline.locator('[data-kind="fired"]').count()).toBe(1);
    await expect.poll(() => timeline.locator('[data-kind="notified"]').innerText()).toContain(wecomName);
    await expect.poll(() => timeline.locator('[data-kind="escalated"]').innerText()).toContain(`${SCHEDULE}：李工程师`);
    const nextInMs = Date.parse(alert.nextEscalationAt ?? '') - Date.parse(alert.firstFiredAt);
    expect(Math.abs(nextInMs - 10 * 60_000)).toBeLessThan(5_000);
    const stepText = page.getByTestId('alert-escalation-step');
    await expect.poll(() => stepText.innerText()).toContain('已执行第 1 / 2 步');
    await expect.poll(() => stepText.innerText()).toContain(`下次升级 ${chinaTime(alert.nextEscalationAt!)}`);
    const notifications = page.getByTestId('alert-notifications');
    const wecomSent = notifications.locator('tr.ant-table-row', { hasText: wecomName });
    const smsSent = notifications.locator('tr.ant-table-row', { hasText: smsName });
    await expect.poll(() => wecomSent.getByTestId('notification-status').getAttribute('data-status'), { timeout: STEP_MS }).toBe('sent');
    await expect.poll(() => smsSent.getByTestId('notification-status').getAttribute('data-status'), { timeout: STEP_MS }).toBe('sent');
    await expect.poll(() => smsSent.getByTestId('notification-recipient').innerText()).toBe('李工程师');
    await expect.poll(() => wecomSent.getByTestId('notification-recipient').innerText()).toBe('—');

    // 9. 确认: acknowledged, and no further escalation
    const acknowledged = page.waitForResponse((r) => r.url().endsWith('/api/alerts/acknowledge'));
    await page.getByTestId('alert-acknowledge').click();
    expect((await acknowledged).status()).toBe(200);
    await expect.poll(() => page.getByTestId('alert-status').innerText()).toBe('已确认');
    await expect.poll(() => stepText.innerText()).not.toContain('下次升级');
    await expect.poll(() => timeline.locator('[data-kind="acknowledged"]').innerText()).toContain('王主管');

    // 10. 静默此告警: a silence over the alert's labels, for an hour
    await page.getByTestId('alert-silence').click();
    const silenceForm = page.getByTestId('silence-form');
    await silenceForm.waitFor();
    await expect.poll(async () => (await silenceForm.getByTestId('matcher-value').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).join(' ')).toContain(assetName);
    const silenced = page.waitForResponse((r) => r.url().endsWith('/api/alert-silences') && r.request().method() === 'POST');
    await page.getByTestId('silence-save').click();
    const silenceResponse = await silenced;
    expect(silenceResponse.status(), await silenceResponse.text()).toBe(201);
    expect(await silenceResponse.json()).toMatchObject({ orgId: hospitalId, reason: alertTitle });
    await page.getByTestId('nav-alertSilences').click();
    await page.getByTestId(`silence-row-${alertTitle}`).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
