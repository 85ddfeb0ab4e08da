import type { ColumnType, Generated } from 'kysely';
import type { SlaCalendarSnapshot, SlaPolicy } from '../../../shared/schemas/sla.ts';
import type { CommentVisibility, SlaPolicySource, TicketChannel, TicketResolutionCode, TicketStatus, TicketType } from '../../../shared/schemas/servicedesk.ts';

type Json<T> = ColumnType<T, string, string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** Why a ticket got its policy, as stored on the ticket (policy_why). */
export interface PolicyWhy {
  source: SlaPolicySource;
  policyName: string;
  templateKey: string | null;
  contractId: string | null;
  contractCode: string | null;
  contractName: string | null;
  assetId: string | null;
  defaultOfOrgId: string | null;
  defaultOfOrgName: string | null;
  'zh-CN': string;
  en: string;
}

export interface SlaPoliciesTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  templateKey: string | null;
  definition: Json<SlaPolicy>;
  isDefault: Defaulted<boolean>;
  version: Defaulted<number>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  deletedAt: Date | null;
}

export interface SlaContractPoliciesTable {
  contractId: string;
  policyId: string;
  orgId: string;
  attachedAt: Date;
  attachedBy: string | null;
}

export interface TicketCategoriesTable {
  id: Generated<string>;
  orgId: string;
  parentId: string | null;
  ancestorIds: string[];
  name: string;
  isActive: Defaulted<boolean>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface AssignmentGroupsTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  description: Defaulted<string>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  deletedAt: Date | null;
}

export interface AssignmentGroupMembersTable {
  groupId: string;
  userId: string;
  addedAt: Generated<Date>;
}

export interface TicketNumberSequencesTable {
  orgId: string;
  prefix: string;
  year: number;
  lastValue: number;
}

export interface TicketsTable {
  id: Generated<string>;
  orgId: string;
  number: string;
  type: TicketType;
  channel: TicketChannel;
  status: Defaulted<TicketStatus>;
  title: string;
  description: Defaulted<string>;
  requesterName: string;
  requesterPhoneSealed: string | null;
  requesterUserId: string | null;
  categoryId: string | null;
  impact: string | null;
  urgency: string | null;
  levelKey: string;
  levelName: string;
  assignmentGroupId: string | null;
  assigneeId: string | null;
  resolutionCode: TicketResolutionCode | null;
  resolutionNote: string | null;
  rootCause: string | null;
  satisfactionScore: number | null;
  satisfactionComment: string | null;
  ratedAt: Date | null;
  pauseReason: string | null;
  pausedAt: Date | null;
  resumeStatus: TicketStatus | null;
  mergedIntoId: string | null;
  policyId: string | null;
  policyVersion: number | null;
  policySource: SlaPolicySource;
  policyWhy: Json<PolicyWhy>;
  policySnapshot: Json<SlaPolicy>;
  calendarSnapshot: Json<SlaCalendarSnapshot>;
  slaBand: 'in_hours' | 'off_hours';
  responseDueAt: Date | null;
  onSiteDueAt: Date | null;
  diagnosisDueAt: Date | null;
  resolutionDueAt: Date | null;
  breachedClocks: Defaulted<string[]>;
  isBreached: Defaulted<boolean>;
  nextBreachAt: Date | null;
  nextBreachClock: string | null;
  nextWarnAt: Date | null;
  autoCloseAt: Date | null;
  slaComputedAt: Date;
  openedAt: Date;
  respondedAt: Date | null;
  onSiteAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  reopenCount: Defaulted<number>;
  workMinutes: Defaulted<number>;
  /** generated: lower(number, title, requester name) */
  searchText: ColumnType<string, never, never>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface TicketAssetsTable {
  ticketId: string;
  assetId: string;
  orgId: string;
  position: number;
}

export interface TicketLinksTable {
  ticketId: string;
  kind: 'alert' | 'problem' | 'change' | 'duplicate';
  targetId: string;
  createdAt: Generated<Date>;
  createdBy: string | null;
}

export interface TicketEventsTable {
  /** bigserial, parsed to a number (platform/db.ts) */
  id: Generated<number>;
  ticketId: string;
  orgId: string;
  kind: string;
  at: Date;
  recordedAt: Date;
  actorId: string | null;
  actorName: string;
  details: Json<Record<string, unknown>>;
}

export interface TicketCommentsTable {
  /** bigserial, parsed to a number (platform/db.ts) */
  id: Generated<number>;
  ticketId: string;
  orgId: string;
  visibility: CommentVisibility;
  body: string;
  authorId: string | null;
  authorName: string;
  createdAt: Date;
}

export interface TicketWorkLogsTable {
  /** bigserial, parsed to a number (platform/db.ts) */
  id: Generated<number>;
  ticketId: string;
  orgId: string;
  minutes: number;
  note: Defaulted<string>;
  workedAt: Date;
  authorId: string | null;
  authorName: string;
  createdAt: Date;
}

export interface ServiceDeskTables {
  slaPolicies: SlaPoliciesTable;
  slaContractPolicies: SlaContractPoliciesTable;
  ticketCategories: TicketCategoriesTable;
  assignmentGroups: AssignmentGroupsTable;
  assignmentGroupMembers: AssignmentGroupMembersTable;
  ticketNumberSequences: TicketNumberSequencesTable;
  tickets: TicketsTable;
  ticketAssets: TicketAssetsTable;
  ticketLinks: TicketLinksTable;
  ticketEvents: TicketEventsTable;
  ticketComments: TicketCommentsTable;
  ticketWorkLogs: TicketWorkLogsTable;
}
