import { createRequire } from 'node:module';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DicomProbeConfig } from '../../../../shared/schemas/probe-kinds/dicom.ts';
import { associateRequest, dicomProbe, echoRequest } from './dicom.ts';
import { close, closedPort, isRoundedToTenth, listen, testContext } from './fixtures/test-servers.ts';

// dcmjs-dimse ships a webpack bundle whose named exports Node's ESM loader cannot see, so it is loaded with require.
const dimse = createRequire(import.meta.url)('dcmjs-dimse') as typeof import('dcmjs-dimse');
const { CEchoResponse } = dimse.responses;
const { PresentationContextResult, RejectReason, RejectResult, RejectSource, Status } = dimse.constants;
const VERIFICATION = '1.2.840.10008.1.1';

interface SeenAssociation {
  callingAeTitle: string;
  calledAeTitle: string;
  implementationClassUid: string;
  maxPduLength: number;
}

const seen: SeenAssociation[] = [];

/** An independent SCP: accepts called AE "PACS"; the calling AE title picks a misbehaviour. */
class EchoScp extends dimse.Scp {
  private caller = '';

  override associationRequested(association: InstanceType<typeof dimse.association.Association>): void {
    this.caller = association.getCallingAeTitle().trim();
    seen.push({
      callingAeTitle: this.caller,
      calledAeTitle: association.getCalledAeTitle().trim(),
      implementationClassUid: association.getImplementationClassUid(),
      maxPduLength: association.getMaxPduLength(),
    });
    if (association.getCalledAeTitle().trim() !== 'PACS') {
      this.sendAssociationReject(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CalledAeNotRecognized);
      return;
    }
    for (const { id } of association.getPresentationContexts()) {
      const context = association.getPresentationContext(id);
      const isVerification = context.getAbstractSyntaxUid() === VERIFICATION && this.caller !== 'NO-VERIFY';
      if (isVerification) context.setResult(PresentationContextResult.Accept, context.getTransferSyntaxUids()[0] ?? '');
      else context.setResult(PresentationContextResult.RejectAbstractSyntaxNotSupported);
    }
    this.sendAssociationAccept();
  }

  override cEchoRequest(request: InstanceType<typeof dimse.requests.CEchoRequest>, callback: (response: InstanceType<typeof CEchoResponse>) => void): void {
    if (this.caller === 'SILENT') return;
    const response = CEchoResponse.fromRequest(request);
    response.setStatus(this.caller === 'FAIL' ? Status.ProcessingFailure : Status.Success);
    callback(response);
  }

  override associationReleaseRequested(): void {
    this.sendAssociationReleaseResponse();
  }
}

describe('dicom probe against dcmjs-dimse', () => {
  const scpServer = net.createServer((socket) => new EchoScp(socket, {}));
  const garbageServer = net.createServer((socket) => socket.on('data', () => socket.write('HTTP/1.1 400 Bad Request\r\n\r\n')));
  let port = 0;
  let garbagePort = 0;

  beforeAll(async () => {
    dimse.log.setLevel('silent');
    port = await listen(scpServer);
    garbagePort = await listen(garbageServer);
  });
  afterAll(async () => {
    await close(scpServer);
    await close(garbageServer);
  });

  const run = (config: Partial<DicomProbeConfig>, timeoutMs = 5_000) =>
    dicomProbe.run(DicomProbeConfig.parse({ host: '127.0.0.1', port, calledAeTitle: 'PACS', ...config }), {}, testContext(timeoutMs));

  it('is up after association, C-ECHO status 0 and release', async () => {
    const outcome = await run({ callingAeTitle: 'YIWEI-TEST', maxPduLength: 32_768 });
    expect(outcome).toMatchObject({ status: 'up', message: '' });
    expect(isRoundedToTenth(outcome.latencyMs)).toBe(true);
    expect(outcome.measurements?.connectMs).toBeGreaterThanOrEqual(0);
    expect(seen.at(-1)).toMatchObject({ callingAeTitle: 'YIWEI-TEST', calledAeTitle: 'PACS', maxPduLength: 32_768 });
    expect(seen.at(-1)?.implementationClassUid).toMatch(/^2\.25\.\d+$/);
  });

  it('is down with code auth when the called AE title is rejected', async () => {
    const outcome = await run({ calledAeTitle: 'NOT-ME' });
    expect(outcome).toMatchObject({ status: 'down', code: 'auth', message: 'association rejected (permanent): called AE title not recognised' });
  });

  it('is down when the Verification presentation context is refused', async () => {
    expect(await run({ callingAeTitle: 'NO-VERIFY' })).toMatchObject({
      status: 'down',
      code: 'protocol',
      message: 'Verification context not accepted: abstract syntax not supported',
    });
  });

  it('is down with the status when C-ECHO fails', async () => {
    expect(await run({ callingAeTitle: 'FAIL' })).toMatchObject({ status: 'down', code: 'protocol', message: 'C-ECHO status 0x0110' });
  });

  it('is down with code timeout when the C-ECHO-RSP never comes', async () => {
    expect(await run({ callingAeTitle: 'SILENT' }, 300)).toMatchObject({ status: 'down', code: 'timeout' });
  });

  it('is down at once when the port speaks something else', async () => {
    const outcome = await run({ port: garbagePort }, 20_000);
    expect(outcome).toMatchObject({ status: 'down', code: 'protocol', message: 'not a DICOM peer (PDU type 0x48)' });
  });

  it('is down with code refused on a closed port', async () => {
    expect(await run({ port: await closedPort() })).toMatchObject({ status: 'down', code: 'refused' });
  });
});

describe('dicom PDUs', () => {
  it('lays out the A-ASSOCIATE-RQ fixed fields as PS3.8 9.3.2 does', () => {
    const rq = associateRequest(DicomProbeConfig.parse({ host: 'h', calledAeTitle: 'PACS', callingAeTitle: 'ME' }));
    expect(rq[0]).toBe(0x01);
    expect(rq.readUInt32BE(2)).toBe(rq.length - 6);
    expect(rq.readUInt16BE(6)).toBe(1);
    expect(rq.subarray(10, 26).toString('ascii')).toBe('PACS'.padEnd(16));
    expect(rq.subarray(26, 42).toString('ascii')).toBe('ME'.padEnd(16));
    expect(rq.includes('1.2.840.10008.3.1.1.1')).toBe(true);
  });

  it('encodes the C-ECHO-RQ command with an even-length UID and a correct group length', () => {
    const pdv = echoRequest(7);
    const command = pdv.subarray(12);
    expect(pdv[11]).toBe(0x03);
    expect(command.readUInt32LE(8)).toBe(command.length - 12);
    expect(command.subarray(20, 38).toString('latin1')).toBe('1.2.840.10008.1.1\0');
  });
});
