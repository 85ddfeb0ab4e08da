import { DicomProbeConfig } from '../../../../shared/schemas/probe-kinds/dicom.ts';
import { NoSecrets } from '../../../../shared/schemas/probe-kinds/network-target.ts';
import type { CheckContext, CheckOutcome, ProbeKind } from './probe-kind.ts';
import { type Extracted, failureOutcome, latencyOutcome, PeerClosed, ProbeFailure, sinceMs, SocketSession } from './socket-util.ts';

// PS3.7 / PS3.8 constants for a verification (C-ECHO) association.
const APPLICATION_CONTEXT = '1.2.840.10008.3.1.1.1';
const VERIFICATION_SOP_CLASS = '1.2.840.10008.1.1';
const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
// A "2.25." UUID-derived UID (PS3.5 B.2): we have no registered root, and the UID only names our implementation.
const IMPLEMENTATION_CLASS_UID = '2.25.66527578509767700818312337850935718150';
const IMPLEMENTATION_VERSION = 'YIWEI_PROBE_1';
const CONTEXT_ID = 1;
const PDU = { associateRq: 0x01, associateAc: 0x02, associateRj: 0x03, dataTf: 0x04, releaseRq: 0x05, releaseRp: 0x06, abort: 0x07 };
const C_ECHO_RQ = 0x0030;
const C_ECHO_RSP = 0x8030;
const MAX_PDU_BYTES = 1 << 20;

const REJECT_REASONS: Record<number, Record<number, string>> = {
  1: { 1: 'no reason given', 2: 'application context not supported', 3: 'calling AE title not recognised', 7: 'called AE title not recognised' },
  2: { 1: 'no reason given', 2: 'protocol version not supported' },
  3: { 1: 'temporary congestion', 2: 'local limit exceeded' },
};
const CONTEXT_RESULTS = ['accepted', 'user rejection', 'no reason given', 'abstract syntax not supported', 'transfer syntaxes not supported'];

function pdu(type: number, body: Buffer): Buffer {
  const header = Buffer.from([type, 0, 0, 0, 0, 0]);
  header.writeUInt32BE(body.length, 2);
  return Buffer.concat([header, body]);
}

function item(type: number, body: Buffer): Buffer {
  const header = Buffer.from([type, 0, 0, 0]);
  header.writeUInt16BE(body.length, 2);
  return Buffer.concat([header, body]);
}

/** A-ASSOCIATE-RQ proposing Verification with Implicit VR Little Endian. */
export function associateRequest(config: DicomProbeConfig): Buffer {
  const fixed = Buffer.alloc(68);
  fixed.writeUInt16BE(1, 0); // protocol version
  fixed.write(config.calledAeTitle.padEnd(16, ' '), 4, 'ascii');
  fixed.write(config.callingAeTitle.padEnd(16, ' '), 20, 'ascii');
  const context = item(0x20, Buffer.concat([
    Buffer.from([CONTEXT_ID, 0, 0, 0]),
    item(0x30, Buffer.from(VERIFICATION_SOP_CLASS)),
    item(0x40, Buffer.from(IMPLICIT_VR_LITTLE_ENDIAN)),
  ]));
  const maxLength = Buffer.alloc(4);
  maxLength.writeUInt32BE(config.maxPduLength);
  const userInformation = item(0x50, Buffer.concat([
    item(0x51, maxLength),
    item(0x52, Buffer.from(IMPLEMENTATION_CLASS_UID)),
    item(0x55, Buffer.from(IMPLEMENTATION_VERSION)),
  ]));
  return pdu(PDU.associateRq, Buffer.concat([fixed, item(0x10, Buffer.from(APPLICATION_CONTEXT)), context, userInformation]));
}

/** One group-0000 element in Implicit VR Little Endian. */
function element(tag: number, value: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt16LE(0x0000, 0);
  header.writeUInt16LE(tag, 2);
  header.writeUInt32LE(value.length, 4);
  return Buffer.concat([header, value]);
}

function uint16(value: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16LE(value);
  return bytes;
}

/** The C-ECHO-RQ command set wrapped in a single, last-fragment command PDV. */
export function echoRequest(messageId: number): Buffer {
  const sopClass = Buffer.from(VERIFICATION_SOP_CLASS.length % 2 ? `${VERIFICATION_SOP_CLASS}\0` : VERIFICATION_SOP_CLASS);
  const elements = Buffer.concat([
    element(0x0002, sopClass), // AffectedSOPClassUID
    element(0x0100, uint16(C_ECHO_RQ)), // CommandField
    element(0x0110, uint16(messageId)), // MessageID
    element(0x0800, uint16(0x0101)), // CommandDataSetType: no data set
  ]);
  const groupLength = Buffer.alloc(4);
  groupLength.writeUInt32LE(elements.length);
  const command = Buffer.concat([element(0x0000, groupLength), elements]);
  const pdvHeader = Buffer.from([0, 0, 0, 0, CONTEXT_ID, 0x03]); // 0x03: command, last fragment
  pdvHeader.writeUInt32BE(command.length + 2, 0);
  return pdu(PDU.dataTf, Buffer.concat([pdvHeader, command]));
}

interface Pdu {
  type: number;
  body: Buffer;
}

/** Cuts one PDU from the received bytes; a first byte that is no PDU type means the port does not speak DICOM. */
export function extractPdu(received: Buffer): Extracted<Pdu> {
  if (received.length < 6) return undefined;
  const type = received[0] ?? 0;
  if (type < PDU.associateRq || type > PDU.abort) throw new ProbeFailure('protocol', `not a DICOM peer (PDU type 0x${type.toString(16)})`);
  const length = received.readUInt32BE(2);
  if (length > MAX_PDU_BYTES) throw new ProbeFailure('protocol', `PDU of ${length} bytes is over the 1 MiB limit`);
  if (received.length < 6 + length) return undefined;
  return { value: { type, body: received.subarray(6, 6 + length) }, size: 6 + length };
}

/** Why the association did not open, for an A-ASSOCIATE-RJ or A-ABORT; AE title rejections are `auth`. */
function refusal(reply: Pdu): ProbeFailure {
  const [, result = 0, source = 0, reason = 0] = reply.body;
  if (reply.type === PDU.abort) return new ProbeFailure('protocol', `association aborted by the peer (source ${source}, reason ${reason})`);
  if (reply.type !== PDU.associateRj) return new ProbeFailure('protocol', `unexpected PDU type 0x${reply.type.toString(16)}`);
  const text = REJECT_REASONS[source]?.[reason] ?? `source ${source}, reason ${reason}`;
  const isAeTitle = source === 1 && (reason === 3 || reason === 7);
  return new ProbeFailure(isAeTitle ? 'auth' : 'protocol', `association rejected (${result === 2 ? 'transient' : 'permanent'}): ${text}`);
}

/** The result byte of our presentation context in an A-ASSOCIATE-AC, or undefined when it is missing. */
function contextResult(body: Buffer): number | undefined {
  for (let offset = 68; offset + 4 <= body.length; offset += 4 + body.readUInt16BE(offset + 2)) {
    if (body[offset] === 0x21 && body[offset + 4] === CONTEXT_ID) return body[offset + 6];
  }
  return undefined;
}

/** Group-0000 elements of a command set, by element number. */
function readCommand(bytes: Buffer): Map<number, Buffer> {
  const elements = new Map<number, Buffer>();
  for (let offset = 0; offset + 8 <= bytes.length; ) {
    const length = bytes.readUInt32LE(offset + 4);
    if (bytes.readUInt16LE(offset) === 0) elements.set(bytes.readUInt16LE(offset + 2), bytes.subarray(offset + 8, offset + 8 + length));
    offset += 8 + length;
  }
  return elements;
}

/** Reads P-DATA-TF PDUs until the last command fragment and returns the command set. */
async function readCommandSet(session: SocketSession): Promise<Buffer> {
  const fragments: Buffer[] = [];
  for (;;) {
    const reply = await session.read(extractPdu);
    if (reply.type !== PDU.dataTf) throw refusal(reply);
    for (let offset = 0; offset + 6 <= reply.body.length; ) {
      const length = reply.body.readUInt32BE(offset);
      const control = reply.body[offset + 5] ?? 0;
      if (control & 0x01) fragments.push(reply.body.subarray(offset + 6, offset + 4 + length));
      if ((control & 0x03) === 0x03) return Buffer.concat(fragments);
      offset += 4 + length;
    }
  }
}

let lastMessageId = 0;

/** Associates, echoes and releases; latency covers the whole exchange, as a modality's verification would. */
async function runDicom(config: DicomProbeConfig, _secrets: NoSecrets, ctx: CheckContext): Promise<CheckOutcome> {
  const startedAt = performance.now();
  const messageId = (lastMessageId = (lastMessageId % 0xffff) + 1);
  let session: SocketSession | undefined;
  try {
    session = await SocketSession.open({ host: config.host, port: config.port }, ctx);
    session.write(associateRequest(config));
    const answer = await session.read(extractPdu);
    if (answer.type !== PDU.associateAc) throw refusal(answer);
    const result = contextResult(answer.body);
    if (result !== 0) throw new ProbeFailure('protocol', `Verification context not accepted: ${CONTEXT_RESULTS[result ?? -1] ?? 'no answer for it'}`);

    session.write(echoRequest(messageId));
    const command = readCommand(await readCommandSet(session));
    const status = command.get(0x0900)?.readUInt16LE(0);
    if (command.get(0x0100)?.readUInt16LE(0) !== C_ECHO_RSP) throw new ProbeFailure('protocol', 'reply is not a C-ECHO-RSP');
    if (command.get(0x0120)?.readUInt16LE(0) !== messageId) throw new ProbeFailure('protocol', 'C-ECHO-RSP answers another message id');
    if (status !== 0) throw new ProbeFailure('protocol', `C-ECHO status 0x${(status ?? 0xffff).toString(16).padStart(4, '0')}`);

    session.write(pdu(PDU.releaseRq, Buffer.alloc(4)));
    try {
      const release = await session.read(extractPdu);
      if (release.type !== PDU.releaseRp) throw refusal(release);
    } catch (err) {
      // Some SCPs hang up instead of answering A-RELEASE-RQ; the echo has already succeeded.
      if (!(err instanceof PeerClosed)) throw err;
    }
    return { ...latencyOutcome(sinceMs(startedAt), config.degradedAboveMs), measurements: { connectMs: session.connectMs } };
  } catch (err) {
    return failureOutcome(err);
  } finally {
    session?.close();
  }
}

/** DICOM C-ECHO probe. */
export const dicomProbe: ProbeKind<DicomProbeConfig, NoSecrets> = {
  kind: 'dicom',
  configSchema: DicomProbeConfig,
  secretsSchema: NoSecrets,
  targetKey: (config) => `dicom:${config.host}:${config.port}`,
  run: runDicom,
};
