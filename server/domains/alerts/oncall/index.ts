// Public surface of on-call schedules: routing, escalation and the schedules UI import from here only.
export { whoIsOnCall, shiftsBetween, swapOverrides, MAX_SHIFTS, type OnCallAnswer, type ResolvedShift } from './resolve.ts';
export type { BusinessTimePredicate } from './restriction.ts';
export { businessTimePredicate } from './calendar-adapter.ts';
