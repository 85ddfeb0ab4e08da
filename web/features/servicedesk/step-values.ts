import type dayjs from 'dayjs';
import { TicketResolutionCode } from '../../../shared/schemas/servicedesk.ts';
import { wallTimeToIso } from '../../app/format.ts';
import type { TicketStep, TicketStepCall } from './tickets.api.ts';

/** The steps that ask for something before they run. */
export type FormStep = Extract<TicketStep, 'arrive' | 'pause' | 'resolve' | 'reopen' | 'reassign' | 'level' | 'merge'>;
export const FORM_STEPS: readonly FormStep[] = ['arrive', 'pause', 'resolve', 'reopen', 'reassign', 'level', 'merge'];
export const isFormStep = (step: TicketStep): step is FormStep => (FORM_STEPS as readonly TicketStep[]).includes(step);

export type StepValues = {
  note?: string;
  arrivedAt?: dayjs.Dayjs | null;
  reason?: string;
  resolutionCode?: string;
  resolutionNote?: string;
  rootCause?: string;
  assignmentGroupId?: string | null;
  assigneeId?: string | null;
  levelMode?: 'level' | 'matrix';
  level?: string;
  impact?: string;
  urgency?: string;
  intoTicketId?: string;
};

const clean = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** The body of a step from the modal's values: empty texts left out, the arrival read as China wall time. */
export function stepCall(step: FormStep, v: StepValues): TicketStepCall {
  const note = clean(v.note);
  switch (step) {
    case 'arrive':
      return { step, body: { ...(v.arrivedAt ? { arrivedAt: wallTimeToIso(v.arrivedAt) } : {}), ...(note ? { note } : {}) } };
    case 'pause':
      return { step, body: { reason: v.reason ?? '', ...(note ? { note } : {}) } };
    case 'resolve':
      return { step, body: { resolutionCode: TicketResolutionCode.parse(v.resolutionCode), ...(clean(v.resolutionNote) ? { resolutionNote: clean(v.resolutionNote) } : {}), ...(clean(v.rootCause) ? { rootCause: clean(v.rootCause) } : {}) } };
    case 'reopen':
      return { step, body: { reason: clean(v.reason) ?? '' } };
    case 'reassign':
      return { step, body: { assignmentGroupId: v.assignmentGroupId ?? null, assigneeId: v.assigneeId ?? null, ...(note ? { note } : {}) } };
    case 'level':
      return v.levelMode === 'matrix'
        ? { step, body: { impact: v.impact, urgency: v.urgency, ...(clean(v.reason) ? { reason: clean(v.reason) } : {}) } }
        : { step, body: { level: v.level, ...(clean(v.reason) ? { reason: clean(v.reason) } : {}) } };
    case 'merge':
      return { step, body: { intoTicketId: v.intoTicketId ?? '', ...(note ? { note } : {}) } };
  }
}

