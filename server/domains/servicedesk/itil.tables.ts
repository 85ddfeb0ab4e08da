import type { ColumnType, Generated } from 'kysely';
import type { ArticleStatus, ChangeApprovalState, ChangeClass, ChangeOutcome, ChangeStatus, ChangeStep, ProblemStatus } from '../../../shared/schemas/servicedesk-itil.ts';

type Json<T> = ColumnType<T, string, string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface ProblemsTable {
  id: Generated<string>;
  orgId: string;
  number: string;
  title: string;
  description: Defaulted<string>;
  status: Defaulted<ProblemStatus>;
  isKnownError: Defaulted<boolean>;
  rootCause: string | null;
  workaround: string | null;
  resolution: string | null;
  assigneeId: string | null;
  knownErrorAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** generated: lower(number, title) */
  searchText: ColumnType<string, never, never>;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProblemActionsTable {
  id: Generated<string>;
  problemId: string;
  orgId: string;
  title: string;
  ownerId: string | null;
  /** date, parsed to YYYY-MM-DD (platform/db.ts) */
  dueOn: string | null;
  doneAt: Date | null;
  doneBy: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A problem's or a change's timeline row (append-only). */
interface ItilEventsTable {
  /** bigserial, parsed to a number (platform/db.ts) */
  id: Generated<number>;
  orgId: string;
  kind: string;
  at: Date;
  actorId: string | null;
  actorName: string;
  details: Json<Record<string, unknown>>;
}
export interface ProblemEventsTable extends ItilEventsTable {
  problemId: string;
}
export interface ChangeEventsTable extends ItilEventsTable {
  changeId: string;
}

export interface ChangeTemplatesTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  description: Defaulted<string>;
  steps: Json<ChangeStep[]>;
  rollbackPlan: string;
  verificationPlan: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export interface ChangesTable {
  id: Generated<string>;
  orgId: string;
  number: string;
  class: ChangeClass;
  status: Defaulted<ChangeStatus>;
  approvalState: Defaulted<ChangeApprovalState>;
  title: string;
  description: Defaulted<string>;
  reason: Defaulted<string>;
  templateId: string | null;
  steps: Json<ChangeStep[]>;
  windowStart: Date | null;
  windowEnd: Date | null;
  rollbackPlan: Defaulted<string>;
  verificationPlan: Defaulted<string>;
  implementerId: string | null;
  approverIds: Defaulted<string[]>;
  requiresClinicalSignoff: Defaulted<boolean>;
  clinicalApproverId: string | null;
  implementedBeforeApproval: Defaulted<boolean>;
  submittedAt: Date | null;
  approvedAt: Date | null;
  scheduledAt: Date | null;
  startedAt: Date | null;
  completedAt: Date | null;
  closedAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  outcome: ChangeOutcome | null;
  outcomeNote: string | null;
  rollbackMinutes: number | null;
  onTime: boolean | null;
  /** generated: lower(number, title) */
  searchText: ColumnType<string, never, never>;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ChangeAssetsTable {
  changeId: string;
  assetId: string;
  orgId: string;
  position: number;
}

export interface ChangeApprovalsTable {
  changeId: string;
  approverId: string;
  role: 'approver' | 'clinical';
  decision: Defaulted<'pending' | 'approved' | 'rejected'>;
  comment: string | null;
  decidedAt: Date | null;
}

export interface ChangeFreezePeriodsTable {
  id: Generated<string>;
  orgId: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProblemChangesTable {
  problemId: string;
  changeId: string;
  createdAt: Date;
  createdBy: string | null;
}

export interface KnowledgeArticlesTable {
  id: Generated<string>;
  orgId: string;
  title: string;
  body: Defaulted<string>;
  category: Defaulted<string>;
  tags: Defaulted<string[]>;
  status: Defaulted<ArticleStatus>;
  authorId: string | null;
  publishedAt: Date | null;
  publishedBy: string | null;
  /** generated: lower(title, category, body) */
  searchText: ColumnType<string, never, never>;
  createdAt: Date;
  updatedAt: Date;
}

export interface KnowledgeArticleLinksTable {
  articleId: string;
  kind: 'ticket' | 'problem';
  targetId: string;
  createdAt: Date;
  createdBy: string | null;
}

/** Problems, changes and the knowledge base (migration 202611250100). */
export interface ServiceDeskItilTables {
  problems: ProblemsTable;
  problemActions: ProblemActionsTable;
  problemEvents: ProblemEventsTable;
  changeTemplates: ChangeTemplatesTable;
  changes: ChangesTable;
  changeAssets: ChangeAssetsTable;
  changeApprovals: ChangeApprovalsTable;
  changeEvents: ChangeEventsTable;
  changeFreezePeriods: ChangeFreezePeriodsTable;
  problemChanges: ProblemChangesTable;
  knowledgeArticles: KnowledgeArticlesTable;
  knowledgeArticleLinks: KnowledgeArticleLinksTable;
}
