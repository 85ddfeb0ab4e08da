import { readFileSync } from 'node:fs';

export const AGENT_USAGE = `yiwei agent --server https://yiwei.example.org --token ywa_… [--data-dir ./data/agent] [--ca server-ca.pem]
  --server      the yiwei server's base URL (https; http only for tests on one machine)
  --token       the agent token shown once when the agent was registered under 监控 → 前置机
  --token-file  read the token from a file instead (keeps it out of the process list)
  --data-dir    where results are buffered while the server is unreachable (default ./data/agent)
  --ca          PEM file of the CA (or the self-signed certificate) the server's certificate is checked against`;

/** What `yiwei agent` needs to start runAgent (the logger comes from the caller). */
export interface AgentArgs {
  serverUrl: string;
  token: string;
  dataDir: string;
  caFile?: string;
}

/** Parses `yiwei agent …` arguments; throws an Error whose message says what is wrong (print it with AGENT_USAGE). */
export function parseAgentArgs(argv: readonly string[]): AgentArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--(server|token|token-file|data-dir|ca)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unknown argument: ${arg}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') throw new Error(`--${m[1]} needs a value`);
    values.set(m[1]!, value);
  }
  const server = values.get('server');
  if (!server) throw new Error('--server is required');
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new Error(`--server is not a URL: ${server}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('--server must be an http(s) URL');
  const tokenFile = values.get('token-file');
  const token = values.get('token') ?? (tokenFile ? readFileSync(tokenFile, 'utf8').trim() : undefined);
  if (!token) throw new Error('--token or --token-file is required');
  if (!token.startsWith('ywa_')) throw new Error('the token should start with ywa_ (an agent token, not an API token)');
  return { serverUrl: url.toString().replace(/\/+$/, ''), token, dataDir: values.get('data-dir') ?? './data/agent', ...(values.has('ca') ? { caFile: values.get('ca')! } : {}) };
}
