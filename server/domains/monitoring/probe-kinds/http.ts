import { HttpProbeConfig, HttpProbeSecrets } from '../../../../shared/schemas/probe-kinds/http.ts';
import { httpTlsOptions, sendHttp, type HttpReply } from './http-client.ts';
import { checkJsonPath, parseJsonPath, type JsonPathStep } from './json-path.ts';
import type { CheckContext, CheckOutcome, ProbeKind } from './probe-kind.ts';
import { failureOutcome, latencyOutcome } from './socket-util.ts';

/** Parses "200-299,301" into inclusive ranges; the schema has already validated the syntax. */
export function parseStatusRanges(list: string): Array<[number, number]> {
  return list.split(',').map((part) => {
    const [from, to] = part.split('-').map((code) => Number(code.trim()));
    return [from ?? 0, to ?? from ?? 0];
  });
}

interface PreparedRequest {
  url: URL;
  statusRanges: Array<[number, number]>;
  regex: RegExp | undefined;
  jsonSteps: JsonPathStep[] | undefined;
  isBodyNeeded: boolean;
}

// A scheduler that keeps the parsed config between runs gets the URL, ranges and regex parsed once per config object
// (configs are treated as immutable); a fresh object costs one parse.
const preparedByConfig = new WeakMap<HttpProbeConfig, PreparedRequest>();

function prepare(config: HttpProbeConfig): PreparedRequest {
  let prepared = preparedByConfig.get(config);
  if (!prepared) {
    prepared = {
      url: new URL(config.url),
      statusRanges: parseStatusRanges(config.expectedStatus),
      regex: config.regex === undefined ? undefined : new RegExp(config.regex),
      jsonSteps: config.jsonPath ? parseJsonPath(config.jsonPath.path) : undefined,
      isBodyNeeded: config.keyword !== undefined || config.regex !== undefined || config.jsonPath !== undefined,
    };
    preparedByConfig.set(config, prepared);
  }
  return prepared;
}

/** Why the body fails the configured expectations, or undefined. Messages quote only configured text, never the body. */
function bodyFailure(config: HttpProbeConfig, prepared: PreparedRequest, reply: HttpReply): string | undefined {
  const { body } = reply;
  if (config.keyword !== undefined) {
    const isPresent = body.includes(config.keyword);
    if (config.keywordMode === 'present' && !isPresent) return `keyword "${config.keyword}" not found`;
    if (config.keywordMode === 'absent' && isPresent) return `keyword "${config.keyword}" is present`;
  }
  if (prepared.regex && !prepared.regex.test(body)) return `body does not match /${config.regex}/`;
  if (config.jsonPath) {
    if (!prepared.jsonSteps) return `unsupported JSONPath ${config.jsonPath.path}`;
    let doc: unknown;
    try {
      doc = JSON.parse(body);
    } catch {
      return reply.isTruncated ? 'body is over 1 MiB, too large to evaluate the JSONPath' : 'body is not JSON';
    }
    return checkJsonPath(doc, prepared.jsonSteps, config.jsonPath);
  }
  return undefined;
}

async function runHttp(config: HttpProbeConfig, secrets: HttpProbeSecrets, ctx: CheckContext): Promise<CheckOutcome> {
  let reply: HttpReply;
  let prepared: PreparedRequest;
  try {
    prepared = prepare(config);
    reply = await sendHttp(
      {
        url: prepared.url,
        method: config.method,
        headers: config.headers,
        secretHeaders: secrets.headers,
        body: config.body,
        maxRedirects: config.maxRedirects,
        isBodyNeeded: prepared.isBodyNeeded,
        tls: httpTlsOptions(config, secrets),
      },
      ctx,
    );
  } catch (err) {
    return failureOutcome(err);
  }
  const { status, latencyMs } = reply;
  if (!prepared.statusRanges.some(([from, to]) => status >= from && status <= to)) {
    return { status: 'down', latencyMs, code: 'assertion', message: `HTTP ${status} (expected ${config.expectedStatus})` };
  }
  const failure = bodyFailure(config, prepared, reply);
  if (failure) return { status: 'down', latencyMs, code: 'assertion', message: failure };
  return latencyOutcome(latencyMs, config.degradedAboveMs);
}

/** The per-target key of every HTTP kind: scheme-independent host and effective port. */
export function httpTargetKey(url: string): string {
  const parsed = new URL(url);
  return `http:${parsed.hostname}:${parsed.port || (parsed.protocol === 'https:' ? '443' : '80')}`;
}

/** HTTP(S) request probe. */
export const httpProbe: ProbeKind<HttpProbeConfig, HttpProbeSecrets> = {
  kind: 'http',
  configSchema: HttpProbeConfig,
  secretsSchema: HttpProbeSecrets,
  targetKey: (config) => httpTargetKey(config.url),
  run: runHttp,
};
