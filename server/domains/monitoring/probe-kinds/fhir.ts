import { FhirProbeConfig, FhirProbeSecrets } from '../../../../shared/schemas/probe-kinds/fhir.ts';
import { httpTlsOptions, sendHttp, type HttpReply } from './http-client.ts';
import { httpTargetKey } from './http.ts';
import type { CheckContext, CheckOutcome, ProbeKind } from './probe-kind.ts';
import { failureOutcome, latencyOutcome } from './socket-util.ts';

/** [base]/metadata, whether or not the base ends with a slash. */
export function metadataUrl(baseUrl: string): URL {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/metadata`;
  url.search = '';
  url.hash = '';
  return url;
}

interface CapabilitySummary {
  resourceType: string | undefined;
  fhirVersion: string | undefined;
}

// Large servers publish CapabilityStatements over 1 MiB; when the body was cut, the two top-level fields are read from
// the text instead, as servers write them near the start.
function summarise(reply: HttpReply): CapabilitySummary | undefined {
  try {
    const doc = JSON.parse(reply.body) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    return { resourceType: text(doc?.resourceType), fhirVersion: text(doc?.fhirVersion) };
  } catch {
    if (!reply.isTruncated) return undefined;
    return {
      resourceType: /"resourceType"\s*:\s*"([A-Za-z]+)"/.exec(reply.body)?.[1],
      fhirVersion: /"fhirVersion"\s*:\s*"([0-9A-Za-z.-]+)"/.exec(reply.body)?.[1],
    };
  }
}

async function runFhir(config: FhirProbeConfig, secrets: FhirProbeSecrets, ctx: CheckContext): Promise<CheckOutcome> {
  let reply: HttpReply;
  try {
    reply = await sendHttp(
      {
        url: metadataUrl(config.baseUrl),
        method: 'GET',
        headers: { accept: 'application/fhir+json', ...config.headers },
        secretHeaders: secrets.headers,
        maxRedirects: 3,
        isBodyNeeded: true,
        tls: httpTlsOptions(config, secrets),
      },
      ctx,
    );
  } catch (err) {
    return failureOutcome(err);
  }
  const { latencyMs } = reply;
  if (reply.status !== 200) return { status: 'down', latencyMs, code: 'assertion', message: `HTTP ${reply.status} from /metadata (expected 200)` };
  const summary = summarise(reply);
  if (!summary) return { status: 'down', latencyMs, code: 'protocol', message: '/metadata did not return JSON' };
  if (summary.resourceType !== 'CapabilityStatement') {
    const found = summary.resourceType ?? 'no resourceType';
    return { status: 'down', latencyMs, code: 'protocol', message: `/metadata returned ${found}, not a CapabilityStatement` };
  }
  const version = summary.fhirVersion ?? 'version not stated';
  if (config.expectedFhirVersion && !summary.fhirVersion?.startsWith(config.expectedFhirVersion)) {
    return { status: 'down', latencyMs, code: 'assertion', message: `FHIR ${version} (expected ${config.expectedFhirVersion})` };
  }
  return latencyOutcome(latencyMs, config.degradedAboveMs, `FHIR ${version}`);
}

/** FHIR CapabilityStatement probe. */
export const fhirProbe: ProbeKind<FhirProbeConfig, FhirProbeSecrets> = {
  kind: 'fhir',
  configSchema: FhirProbeConfig,
  secretsSchema: FhirProbeSecrets,
  targetKey: (config) => httpTargetKey(config.baseUrl),
  run: runFhir,
};
