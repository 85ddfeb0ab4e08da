/** SLA clock engine of the service desk: pure functions over a policy, a ticket's events and a calendar snapshot. */
export { computeClocks, levelFromMatrix, alwaysOnCalendar, CLOCK_KINDS, type ComputeClocksOptions } from './clock.ts';
export { explainClock, formatDuration, formatLocal, describeHours, type ClockFacts, type Explanation } from './explain.ts';
export { SLA_TEMPLATES, DEFAULT_PAUSE_REASONS, policyFromTemplate, type SlaTemplate } from './templates.ts';
export { snapshotCalendar, calendarFromSnapshot } from './snapshot.ts';
