import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { describe, expect, it } from 'vitest';
import {
  MyTicketCreateInput,
  TicketArriveInput,
  TicketCreateInput,
  TicketLevelInput,
  TicketMergeInput,
  TicketPauseInput,
  TicketReassignInput,
  TicketReopenInput,
  TicketResolveInput,
} from '../../../shared/schemas/servicedesk.ts';
import { PriorityMatrix, SlaPolicy, type SlaPolicyInput } from '../../../shared/schemas/sla.ts';
import { matrixToValues, newLevelValues, nextKey, policyFieldOf, policyToValues, toPriorityMatrix, toSlaPolicy, withMatrixCell } from './policy-form-values.ts';
import { stepCall } from './step-values.ts';
import { newTicketValues, ticketFieldOf, titleFromDescription, toReportInput, toTicketCreateInput } from './ticket-form-values.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

const ORG = '00000000-0000-4000-8000-000000000001';
const ASSET = '00000000-0000-4000-8000-000000000002';
const GROUP = '00000000-0000-4000-8000-000000000003';

describe('toTicketCreateInput', () => {
  it('sends impact and urgency together from the matrix mode, and drops empty optional fields', () => {
    const body = toTicketCreateInput({ ...newTicketValues(ORG, [ASSET, ASSET]), requesterName: ' 王护士 ', requesterPhone: '  ', title: ' 打印机无法打印 ', impact: 'department', urgency: 'impaired', level: 'level1', assignmentGroupId: GROUP });
    expect(body).toEqual({ orgId: ORG, type: 'incident', channel: 'phone', title: '打印机无法打印', description: '', requesterName: '王护士', assetIds: [ASSET], impact: 'department', urgency: 'impaired', assignmentGroupId: GROUP });
    expect(TicketCreateInput.safeParse(body).success).toBe(true);
  });
  it('sends only the level in the level mode', () => {
    const body = toTicketCreateInput({ ...newTicketValues(ORG), requesterName: '张医生', requesterPhone: '138 1234 1234', title: 'HIS 卡顿', levelMode: 'level', level: 'level2', impact: 'wide', urgency: 'stopped' });
    expect(body.level).toBe('level2');
    expect(body.impact).toBeUndefined();
    expect(body.requesterPhone).toBe('138 1234 1234');
    expect(TicketCreateInput.safeParse(body).success).toBe(true);
  });
  it('leaves a half-filled matrix out rather than sending one axis', () => {
    const body = toTicketCreateInput({ ...newTicketValues(ORG), requesterName: '李', title: 't', impact: 'wide', urgency: null });
    expect(body.impact).toBeUndefined();
    expect(body.urgency).toBeUndefined();
    expect(TicketCreateInput.safeParse(body).success).toBe(true);
  });
  it('maps server issue paths to form fields', () => {
    expect(ticketFieldOf(['body', 'assetIds', 0])).toEqual(['assetIds', 0]);
    expect(ticketFieldOf(['requesterPhone'])).toEqual(['requesterPhone']);
    expect(ticketFieldOf(['body'])).toBeNull();
  });
});

describe('toReportInput', () => {
  it('reports from the QR label as channel qr with the asset, else from the portal', () => {
    const fromQr = toReportInput({ orgId: ORG, assetId: ASSET, type: 'incident', title: ' 血球仪联机中断 ', description: ' 结果无法回传 LIS ', requesterPhone: '' }, true);
    expect(fromQr).toEqual({ orgId: ORG, type: 'incident', channel: 'qr', title: '血球仪联机中断', description: '结果无法回传 LIS', assetIds: [ASSET] });
    expect(MyTicketCreateInput.safeParse(fromQr).success).toBe(true);
    const portal = toReportInput({ orgId: ORG, assetId: null, type: 'service_request', title: '申请新账号', requesterPhone: '13800001111' }, false);
    expect(portal).toMatchObject({ channel: 'portal', assetIds: [], requesterPhone: '13800001111' });
    expect(MyTicketCreateInput.safeParse(portal).success).toBe(true);
  });
  it('titles a report from the first line of its description', () => {
    expect(titleFromDescription('  打印机卡纸\n第二行')).toBe('打印机卡纸');
    expect(titleFromDescription('x'.repeat(250))).toHaveLength(200);
  });
});

/** A policy shaped like seed 001 (working calendar, off-hours targets) with a 2×2 matrix. */
const RESIDENT: SlaPolicyInput = {
  name: '驻场运维服务',
  nameEn: 'Resident on-site operations',
  source: '001 服务方式 2、驻场服务',
  calendar: 'business',
  warnAtPercent: 80,
  autoCloseAfterDays: 3,
  pauseReasons: [
    { key: 'awaiting_requester', name: '等待报修方', nameEn: 'waiting for the requester', stops: ['onSite', 'diagnosis', 'resolution'] },
    { key: 'awaiting_parts', name: '等待备件', nameEn: 'waiting for spare parts', stops: ['resolution'] },
  ],
  levels: [
    { key: 'level1', name: '一级故障', nameEn: 'Level 1', clock: '7x24', targets: { response: 60, onSite: 120 }, offHours: { response: 120, onSite: 240 }, resolutionFrom: 'opened' },
    { key: 'level2', name: '二级故障', nameEn: 'Level 2', description: '单科室', clock: 'calendar', targets: { response: 30, onSite: 120, resolution: 240 }, resolutionFrom: 'on_site' },
  ],
  priorityMatrix: {
    impacts: [
      { key: 'wide', name: '全院', nameEn: 'Hospital-wide' },
      { key: 'single', name: '单科室', nameEn: 'One department' },
    ],
    urgencies: [
      { key: 'stopped', name: '业务中断', nameEn: 'Stopped' },
      { key: 'impaired', name: '业务受影响', nameEn: 'Impaired' },
    ],
    cells: [
      { impact: 'wide', urgency: 'stopped', level: 'level1' },
      { impact: 'wide', urgency: 'impaired', level: 'level1' },
      { impact: 'single', urgency: 'stopped', level: 'level1' },
      { impact: 'single', urgency: 'impaired', level: 'level2' },
    ],
  },
};

describe('policy form values', () => {
  it('round-trips a policy through the form unchanged', () => {
    const policy = SlaPolicy.parse(RESIDENT);
    const back = toSlaPolicy(policyToValues(policy));
    expect(SlaPolicy.parse(back)).toEqual(policy);
  });
  it('drops off-hours targets when the calendar becomes 7×24, so the schema accepts it', () => {
    const values = { ...policyToValues(SlaPolicy.parse(RESIDENT)), calendarKind: '7x24' as const };
    const out = toSlaPolicy(values);
    expect(out.calendar).toBe('7x24');
    expect(out.levels.every((l) => l.offHours === undefined)).toBe(true);
    expect(SlaPolicy.safeParse(out).success).toBe(true);
  });
  it('sends a custom calendar as its id and leaves empty targets out', () => {
    const values = policyToValues(SlaPolicy.parse(RESIDENT));
    values.calendarKind = 'custom';
    values.calendarId = GROUP;
    values.levels[1]!.targets = { response: 30, onSite: null, diagnosis: undefined, resolution: 240 };
    values.levels[1]!.resolutionFrom = 'opened';
    const out = toSlaPolicy(values);
    expect(out.calendar).toEqual({ calendarId: GROUP });
    expect(out.levels[1]?.targets).toEqual({ response: 30, resolution: 240 });
    expect(SlaPolicy.safeParse(out).success).toBe(true);
  });
  it('leaves the matrix out when it is switched off', () => {
    const values = policyToValues(SlaPolicy.parse(RESIDENT));
    values.matrix = { ...values.matrix, isEnabled: false };
    expect(toSlaPolicy(values).priorityMatrix).toBeUndefined();
  });
  it('adds levels and pause reasons with fresh keys', () => {
    expect(nextKey('level', ['level1', 'level2'])).toBe('level3');
    expect(newLevelValues(['level1']).key).toBe('level2');
  });
  it('maps schema issue paths to form fields', () => {
    expect(policyFieldOf(['levels', 1, 'name'])).toEqual(['levels', 1, 'name']);
    expect(policyFieldOf(['body', 'policy', 'calendar', 'calendarId'])).toEqual(['calendarId']);
    expect(policyFieldOf(['priorityMatrix', 'cells', 0, 'level'])).toBeNull();
  });
});

describe('priority matrix values', () => {
  it('fills every impact × urgency pair, new rows and columns at the fallback level', () => {
    let m = matrixToValues(SlaPolicy.parse(RESIDENT).priorityMatrix);
    m = { ...m, impacts: [...m.impacts, { key: 'impact3', name: '个人', nameEn: 'One user' }] };
    m = withMatrixCell(m, 'wide', 'impaired', 'level2');
    const out = toPriorityMatrix(m, 'level2');
    expect(out.cells).toHaveLength(6);
    expect(out.cells.find((c) => c.impact === 'impact3' && c.urgency === 'stopped')?.level).toBe('level2');
    expect(out.cells.find((c) => c.impact === 'wide' && c.urgency === 'impaired')?.level).toBe('level2');
    expect(PriorityMatrix.safeParse(out).success).toBe(true);
  });
  it('drops the cells of a removed row', () => {
    const m = matrixToValues(SlaPolicy.parse(RESIDENT).priorityMatrix);
    const out = toPriorityMatrix({ ...m, impacts: m.impacts.slice(0, 1) }, 'level2');
    expect(out.cells.map((c) => c.impact)).toEqual(['wide', 'wide']);
    expect(PriorityMatrix.safeParse(out).success).toBe(true);
  });
});

describe('stepCall', () => {
  it('builds bodies the step schemas accept', () => {
    const arrive = stepCall('arrive', { arrivedAt: dayjs('2026-03-02T09:15'), note: ' 已到检验科 ' });
    expect(arrive).toEqual({ step: 'arrive', body: { arrivedAt: '2026-03-02T01:15:00.000Z', note: '已到检验科' } });
    expect(TicketArriveInput.safeParse(arrive.body).success).toBe(true);
    expect(TicketPauseInput.safeParse(stepCall('pause', { reason: 'awaiting_parts', note: '' }).body).success).toBe(true);
    const resolve = stepCall('resolve', { resolutionCode: 'replaced', resolutionNote: '更换硒鼓', rootCause: '  ' });
    expect(resolve.body).toEqual({ resolutionCode: 'replaced', resolutionNote: '更换硒鼓' });
    expect(TicketResolveInput.safeParse(resolve.body).success).toBe(true);
    expect(TicketReopenInput.safeParse(stepCall('reopen', { reason: '故障复现' }).body).success).toBe(true);
    expect(TicketReassignInput.safeParse(stepCall('reassign', { assignmentGroupId: GROUP, assigneeId: null }).body).success).toBe(true);
    expect(TicketMergeInput.safeParse(stepCall('merge', { intoTicketId: ASSET }).body).success).toBe(true);
  });
  it('changes the level by name or by impact × urgency, never both', () => {
    const byLevel = stepCall('level', { levelMode: 'level', level: 'level1', impact: 'wide', urgency: 'stopped', reason: '影响范围扩大' });
    expect(byLevel.body).toEqual({ level: 'level1', reason: '影响范围扩大' });
    expect(TicketLevelInput.safeParse(byLevel.body).success).toBe(true);
    const byMatrix = stepCall('level', { levelMode: 'matrix', level: 'level1', impact: 'wide', urgency: 'stopped' });
    expect(byMatrix.body).toEqual({ impact: 'wide', urgency: 'stopped' });
    expect(TicketLevelInput.safeParse(byMatrix.body).success).toBe(true);
  });
});
