export { agentRoutes } from './agents.routes.ts';
export { AGENT_TOKEN_PREFIX, createAgentService, type AgentService } from './agents.service.ts';
export type { AgentProtocolDeps } from './agents.protocol.ts';
