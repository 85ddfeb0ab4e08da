import { Hl7ProbeConfig } from '../../../../shared/schemas/probe-kinds/hl7.ts';
import { NoSecrets } from '../../../../shared/schemas/probe-kinds/network-target.ts';
import type { CheckContext, CheckOutcome, ProbeKind } from './probe-kind.ts';
import { clip, type Extracted, failureOutcome, latencyOutcome, ProbeFailure, sinceMs, SocketSession } from './socket-util.ts';

// MLLP framing: <VT> message <FS><CR>.
const START_BLOCK = 0x0b;
const END_BLOCK = Buffer.from([0x1c, 0x0d]);
const ACCEPTED = new Set(['AA', 'CA']);
const REJECTED = new Set(['AE', 'AR', 'CE', 'CR']);
const decoders = { 'utf-8': new TextDecoder('utf-8'), gb18030: new TextDecoder('gb18030') };

/** A control id unique per run (time plus randomness), within MSH-10's 20 characters. */
export function newControlId(): string {
  return `YW${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`.toUpperCase();
}

/** The probe message: MSH built from the config, then the configured extra segments, each ended by CR. */
export function buildProbeMessage(config: Hl7ProbeConfig, controlId: string, now = new Date()): string {
  // HL7 TS with an explicit UTC offset, so receivers in any time zone read the same instant.
  const timestamp = `${now.toISOString().replace(/[-:T]/g, '').slice(0, 14)}+0000`;
  const msh = [
    'MSH', '^~\\&', config.sendingApplication, config.sendingFacility, config.receivingApplication, config.receivingFacility,
    timestamp, '', config.messageType, controlId, config.processingId, config.hl7Version,
  ].join('|');
  const extra = (config.extraSegments ?? '').split(/\r\n|\r|\n/).filter((segment) => segment.trim() !== '');
  return `${[msh, ...extra].join('\r')}\r`;
}

/** Wraps a message in an MLLP frame. */
export function mllpFrame(message: string): Buffer {
  return Buffer.concat([Buffer.from([START_BLOCK]), Buffer.from(message, 'utf8'), END_BLOCK]);
}

/** Finds one complete MLLP frame; throws as soon as the reply cannot be MLLP, rather than waiting for the timeout. */
export function extractFrame(received: Buffer): Extracted<Buffer> {
  if (received.length === 0) return undefined;
  if (received[0] !== START_BLOCK) throw new ProbeFailure('protocol', 'reply is not MLLP-framed (no 0x0B start byte)');
  const end = received.indexOf(END_BLOCK, 1);
  return end < 0 ? undefined : { value: received.subarray(1, end), size: end + END_BLOCK.length };
}

export interface Hl7Ack {
  /** MSA-1: AA, AE, AR or the enhanced-mode CA, CE, CR. */
  code: string;
  /** MSA-2: the control id of the message being acknowledged. */
  controlId: string;
  /** MSA-3, or ERR-8 where v2.5+ moved the text. */
  text: string;
}

/** Reads MSA (and ERR) from an acknowledgment; undefined when there is no MSA segment. */
export function parseAck(message: string): Hl7Ack | undefined {
  const segments = message.split(/\r\n|\r|\n/);
  const separator = segments.find((segment) => segment.startsWith('MSH'))?.[3] ?? '|';
  const fieldsOf = (name: string) => segments.find((segment) => segment.startsWith(`${name}${separator}`))?.split(separator);
  const msa = fieldsOf('MSA');
  if (!msa) return undefined;
  const text = msa[3]?.trim() || fieldsOf('ERR')?.[8]?.trim() || '';
  return { code: msa[1]?.trim().toUpperCase() ?? '', controlId: msa[2]?.trim() ?? '', text: text.replaceAll('^', ' ').trim() };
}

function judgeAck(config: Hl7ProbeConfig, controlId: string, ack: Hl7Ack | undefined, latencyMs: number, connectMs: number): CheckOutcome {
  const measurements = { connectMs };
  const down = (message: string): CheckOutcome => ({ status: 'down', latencyMs, code: 'protocol', message: clip(message), measurements });
  if (!ack) return down('reply has no MSA segment');
  if (REJECTED.has(ack.code)) return down(`MSA-1 ${ack.code}${ack.text ? `: ${ack.text}` : ''}`);
  if (!ACCEPTED.has(ack.code)) return down(`unknown acknowledgment code "${ack.code}" in MSA-1`);
  if (ack.controlId !== controlId) return down(`ACK is for control id "${ack.controlId}", not "${controlId}"`);
  return { ...latencyOutcome(latencyMs, config.degradedAboveMs), measurements };
}

/** Sends one message over MLLP and waits for its ACK; latency covers connect, send and ACK. */
async function runHl7(config: Hl7ProbeConfig, _secrets: NoSecrets, ctx: CheckContext): Promise<CheckOutcome> {
  const startedAt = performance.now();
  const controlId = newControlId();
  let session: SocketSession | undefined;
  try {
    session = await SocketSession.open({ host: config.host, port: config.port }, ctx);
    session.write(mllpFrame(buildProbeMessage(config, controlId)));
    const reply = await session.read(extractFrame);
    const latencyMs = sinceMs(startedAt);
    return judgeAck(config, controlId, parseAck(decoders[config.ackCharset].decode(reply)), latencyMs, session.connectMs);
  } catch (err) {
    return failureOutcome(err);
  } finally {
    session?.close();
  }
}

/** HL7 v2 over MLLP probe. */
export const hl7Probe: ProbeKind<Hl7ProbeConfig, NoSecrets> = {
  kind: 'hl7',
  configSchema: Hl7ProbeConfig,
  secretsSchema: NoSecrets,
  targetKey: (config) => `hl7:${config.host}:${config.port}`,
  run: runHl7,
};
