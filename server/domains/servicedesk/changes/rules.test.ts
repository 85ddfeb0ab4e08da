import { describe, expect, it } from 'vitest';
import { allowedFrom, approvalRows, assertAllowed, awaitingRetroApproval, onTime, submitProblems, type SubmittedPlan } from './rules.ts';

const plan = (over: Partial<SubmittedPlan> = {}): SubmittedPlan => ({
  class: 'reviewed',
  steps: [{ title: '备份' }],
  windowStart: new Date('2026-12-05T14:00:00Z'),
  windowEnd: new Date('2026-12-05T18:00:00Z'),
  rollbackPlan: '恢复备份',
  verificationPlan: '抽检',
  templateId: null,
  approverIds: ['a1', 'a2'],
  requiresClinicalSignoff: false,
  clinicalApproverId: null,
  ...over,
});
const fields = (p: SubmittedPlan, requesters: Array<string | null> = ['me']) => submitProblems(p, requesters).map((x) => `${x.path[1]}:${x.code}`);

describe('change rules', () => {
  it('lets only an emergency change be scheduled and started before it is approved', () => {
    expect(allowedFrom('start', 'reviewed')).toEqual(['scheduled']);
    expect(allowedFrom('start', 'standard')).toEqual(['scheduled']);
    expect(allowedFrom('start', 'emergency')).toEqual(['submitted', 'approved', 'scheduled']);
    expect(allowedFrom('schedule', 'pre_authorised')).toEqual(['approved']);
    expect(allowedFrom('schedule', 'emergency')).toEqual(['submitted', 'approved']);
    // approval after the fact
    expect(allowedFrom('decide', 'reviewed')).toEqual(['submitted']);
    expect(allowedFrom('decide', 'emergency')).toEqual(['submitted', 'scheduled', 'implementing', 'completed']);
    expect(allowedFrom('cancel', 'emergency')).not.toContain('implementing');
  });

  it('names the status, the class and the statuses that would allow a refused step', () => {
    expect(() => assertAllowed('start', { class: 'reviewed', status: 'approved', number: 'CHG-2026-000001' })).toThrow(
      expect.objectContaining({ kind: 'conflict', code: 'change.invalid_transition', details: { action: 'start', status: 'approved', class: 'reviewed', allowedFrom: ['scheduled'] } }),
    );
    expect(() => assertAllowed('start', { class: 'emergency', status: 'approved', number: 'CHG-2026-000001' })).not.toThrow();
  });

  it('asks every class for steps, a window, a rollback plan and a verification before submitting', () => {
    expect(fields(plan())).toEqual([]);
    expect(fields(plan({ steps: [], windowStart: null, windowEnd: null, rollbackPlan: ' ', verificationPlan: '' }))).toEqual(['steps:required', 'windowStart:required', 'rollbackPlan:required', 'verificationPlan:required']);
  });

  it('asks reviewed and emergency changes for approvers, standard ones for a template, and none for pre-authorised ones', () => {
    expect(fields(plan({ approverIds: [] }))).toEqual(['approverIds:required']);
    expect(fields(plan({ class: 'emergency', approverIds: [] }))).toEqual(['approverIds:required']);
    expect(fields(plan({ class: 'pre_authorised', approverIds: [] }))).toEqual([]);
    expect(fields(plan({ class: 'standard', approverIds: [] }))).toEqual(['templateId:required']);
    expect(fields(plan({ class: 'standard', approverIds: [], templateId: 't1' }))).toEqual([]);
    expect(fields(plan({ requiresClinicalSignoff: true }))).toEqual(['clinicalApproverId:required']);
  });

  it('refuses a requester approving their own change, as a board member or as the clinical approver', () => {
    expect(fields(plan({ approverIds: ['me', 'a2'] }))).toEqual(['approverIds:self_approval']);
    expect(fields(plan({ requiresClinicalSignoff: true, clinicalApproverId: 'me' }))).toEqual(['approverIds:self_approval']);
    expect(fields(plan({ approverIds: ['a1'] }), [null])).toEqual([]);
  });

  it('opens one approval per approver and one for the clinical sign-off; none for classes without approval', () => {
    expect(approvalRows(plan({ approverIds: ['a1', 'a2', 'a1'], requiresClinicalSignoff: true, clinicalApproverId: 'c1' }))).toEqual([
      { approverId: 'a1', role: 'approver' },
      { approverId: 'a2', role: 'approver' },
      { approverId: 'c1', role: 'clinical' },
    ]);
    // the clinical approver counts only when the sign-off is asked for
    expect(approvalRows(plan({ approverIds: ['a1'], clinicalApproverId: 'c1' }))).toEqual([{ approverId: 'a1', role: 'approver' }]);
    expect(approvalRows(plan({ class: 'standard' }))).toEqual([]);
    expect(approvalRows(plan({ class: 'pre_authorised' }))).toEqual([]);
  });

  it('counts a change on time when it started and completed inside its window', () => {
    const w = { windowStart: new Date('2026-12-05T14:00:00Z'), windowEnd: new Date('2026-12-05T18:00:00Z') };
    expect(onTime(w, new Date('2026-12-05T14:00:00Z'), new Date('2026-12-05T18:00:00Z'))).toBe(true);
    expect(onTime(w, new Date('2026-12-05T13:59:00Z'), new Date('2026-12-05T15:00:00Z'))).toBe(false);
    expect(onTime(w, new Date('2026-12-05T15:00:00Z'), new Date('2026-12-05T18:01:00Z'))).toBe(false);
    expect(onTime({ windowStart: null, windowEnd: null }, null, new Date())).toBe(false);
  });

  it('flags an emergency change implemented before approval until it is approved', () => {
    expect(awaitingRetroApproval({ implementedBeforeApproval: true, approvalState: 'pending' })).toBe(true);
    expect(awaitingRetroApproval({ implementedBeforeApproval: true, approvalState: 'rejected' })).toBe(true);
    expect(awaitingRetroApproval({ implementedBeforeApproval: true, approvalState: 'approved' })).toBe(false);
    expect(awaitingRetroApproval({ implementedBeforeApproval: false, approvalState: 'pending' })).toBe(false);
  });
});
