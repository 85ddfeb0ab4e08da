import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FhirProbeConfig, FhirProbeSecrets } from '../../../../shared/schemas/probe-kinds/fhir.ts';
import { fhirProbe, metadataUrl } from './fhir.ts';
import { close, isRoundedToTenth, listen, testContext } from './fixtures/test-servers.ts';

const capability = (fhirVersion: string, padding = '') =>
  JSON.stringify({ resourceType: 'CapabilityStatement', status: 'active', fhirVersion, software: { name: 'Test FHIR' }, padding });

/** A FHIR-ish server: /r4 and /stu3 serve metadata, /patient-only serves a Patient, /html serves a login page. */
function fhirSite(accepts: string[]): http.RequestListener {
  return (req, res) => {
    accepts.push(req.headers.accept ?? '');
    const send = (status: number, body: string, type = 'application/fhir+json') => res.writeHead(status, { 'content-type': type }).end(body);
    switch (req.url) {
      case '/r4/metadata':
        return send(200, capability('4.0.1'));
      case '/stu3/metadata':
        return send(200, capability('3.0.2'));
      case '/huge/metadata':
        return send(200, capability('4.0.1', 'x'.repeat(2 << 20)));
      case '/patient-only/metadata':
        return send(200, JSON.stringify({ resourceType: 'Patient', id: '1' }));
      case '/html/metadata':
        return send(200, '<html>login</html>', 'text/html');
      default:
        return send(404, JSON.stringify({ resourceType: 'OperationOutcome' }));
    }
  };
}

describe('fhir probe', () => {
  const accepts: string[] = [];
  const server = http.createServer(fhirSite(accepts));
  let base = '';

  beforeAll(async () => {
    base = `http://127.0.0.1:${await listen(server)}`;
  });
  afterAll(() => close(server));

  const run = (path: string, extra: Partial<FhirProbeConfig> = {}) =>
    fhirProbe.run(FhirProbeConfig.parse({ baseUrl: `${base}${path}`, ...extra }), FhirProbeSecrets.parse({}), testContext());

  it('is up on a CapabilityStatement and reports fhirVersion', async () => {
    const outcome = await run('/r4/');
    expect(outcome).toMatchObject({ status: 'up', message: 'FHIR 4.0.1' });
    expect(isRoundedToTenth(outcome.latencyMs)).toBe(true);
    expect(accepts.at(-1)).toBe('application/fhir+json');
  });

  it('checks the expected FHIR version prefix', async () => {
    expect((await run('/r4', { expectedFhirVersion: '4.0' })).status).toBe('up');
    expect(await run('/stu3', { expectedFhirVersion: '4' })).toMatchObject({ status: 'down', code: 'assertion', message: 'FHIR 3.0.2 (expected 4)' });
  });

  it('is down when /metadata is not a CapabilityStatement', async () => {
    expect(await run('/patient-only')).toMatchObject({ status: 'down', code: 'protocol', message: '/metadata returned Patient, not a CapabilityStatement' });
    expect(await run('/html')).toMatchObject({ status: 'down', code: 'protocol', message: '/metadata did not return JSON' });
    expect(await run('/nowhere')).toMatchObject({ status: 'down', code: 'assertion', message: 'HTTP 404 from /metadata (expected 200)' });
  });

  it('still reads resourceType and fhirVersion from a statement over 1 MiB', async () => {
    expect(await run('/huge')).toMatchObject({ status: 'up', message: 'FHIR 4.0.1' });
  });

  it('builds the metadata URL with or without a trailing slash', () => {
    expect(metadataUrl('https://fhir.example.org/r4/').href).toBe('https://fhir.example.org/r4/metadata');
    expect(metadataUrl('https://fhir.example.org/r4?x=1').href).toBe('https://fhir.example.org/r4/metadata');
    expect(metadataUrl('https://fhir.example.org').href).toBe('https://fhir.example.org/metadata');
  });
});
