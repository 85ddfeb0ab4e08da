import { z } from 'zod';
import { Page, PageQuery } from './common.ts';
import { CheckStatus, ProbeKindKey } from './probes.ts';

/** An edge agent as the console shows it. */
export const Agent = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  name: z.string(),
  version: z.string().nullable(),
  hostname: z.string().nullable(),
  lastSeenAt: z.iso.datetime().nullable(),
  /** results the agent still holds on disk, as it last reported */
  backlog: z.number().int(),
  /** agent clock minus server clock at its last contact */
  clockSkewMs: z.number().int().nullable(),
  probeCount: z.number().int(),
  isOnline: z.boolean(),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});
export type Agent = z.infer<typeof Agent>;

export const AgentCreateInput = z.object({ orgId: z.uuid(), name: z.string().trim().min(1).max(60) });
export type AgentCreateInput = z.infer<typeof AgentCreateInput>;
/** The token is shown once, here. */
export const AgentCreated = z.object({ agent: Agent, token: z.string() });
export const AgentListQuery = PageQuery.extend({ orgId: z.uuid().optional() });
export const AgentPage = Page(Agent);

// ---- the agent's own protocol: Authorization: Agent <token> ----

export const AgentHello = z.object({ version: z.string().max(40), hostname: z.string().max(200), sentAt: z.iso.datetime() });
export const AgentHelloReply = z.object({ agentId: z.uuid(), name: z.string(), serverTime: z.iso.datetime(), lastBatchSeq: z.number().int() });

/** A probe as the agent runs it, secrets included (the agent must use them; they travel only over its HTTPS link). */
export const AgentProbe = z.object({
  id: z.uuid(),
  kind: ProbeKindKey,
  config: z.record(z.string(), z.unknown()),
  secrets: z.record(z.string(), z.unknown()).nullable(),
  intervalS: z.number().int(),
  timeoutMs: z.number().int(),
  retries: z.number().int(),
  retryIntervalS: z.number().int(),
});
export type AgentProbe = z.infer<typeof AgentProbe>;
export const AgentAssignment = z.object({ revision: z.string(), probes: z.array(AgentProbe) });
export type AgentAssignment = z.infer<typeof AgentAssignment>;

export const AgentResult = z.object({
  probeId: z.uuid(),
  checkedAt: z.iso.datetime(),
  status: CheckStatus,
  latencyMs: z.number().min(0).nullable(),
  code: z.string().max(40).nullable().optional(),
  message: z.string().max(1000).nullable().optional(),
  measurements: z.record(z.string(), z.number()).nullable().optional(),
});
export type AgentResult = z.infer<typeof AgentResult>;

/** Batches carry an increasing sequence: a batch at or below the last accepted one is a replay and is acknowledged without effect. */
export const AgentResultBatch = z.object({
  batchSeq: z.number().int().min(1),
  sentAt: z.iso.datetime(),
  backlog: z.number().int().min(0),
  results: z.array(AgentResult).max(5000),
});
export type AgentResultBatch = z.infer<typeof AgentResultBatch>;
export const AgentResultReply = z.object({ accepted: z.number().int(), ignored: z.number().int(), lastBatchSeq: z.number().int() });
