export { runAgent, type AgentOptions, type AgentStats, type RunningAgent } from './agent.ts';
export { AGENT_USAGE, parseAgentArgs, type AgentArgs } from './args.ts';
export { fetchWithCa, type FetchLike } from './client.ts';
