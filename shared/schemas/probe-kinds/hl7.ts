import { z } from 'zod';
import { DegradedAboveMs, ProbeHost, ProbePort } from './network-target.ts';

// MSH field values go into the message verbatim, so the HL7 delimiters | ~ \ & and line breaks are refused; ^ separates components.
const mshField = (fallback: string, max: number) =>
  z.string().trim().max(max).regex(/^[^|~\\&\r\n]*$/, 'cannot contain | ~ \\ & or line breaks').default(fallback);

/** HL7 v2 over MLLP: send one message and check the ACK (MSA-1 and MSA-2). */
export const Hl7ProbeConfig = z.object({
  host: ProbeHost,
  port: ProbePort.default(2575),
  sendingApplication: mshField('YIWEI', 180),
  sendingFacility: mshField('YIWEI', 180),
  receivingApplication: mshField('', 180),
  receivingFacility: mshField('', 180),
  // NMQ^N01 (network management query) has no clinical side effects, unlike ADT or ORM test messages.
  messageType: z.string().trim().min(3).max(30).regex(/^[A-Z0-9]{3}(\^[A-Z0-9_]{1,10}){0,2}$/, 'like NMQ^N01 or ADT^A01^ADT_A01')
    .default('NMQ^N01').describe('MSH-9; pick a type the receiver accepts without side effects'),
  hl7Version: z.string().trim().regex(/^2\.\d(\.\d)?$/, 'like 2.4').default('2.4').describe('MSH-12'),
  processingId: z.enum(['P', 'T', 'D']).default('P').describe('MSH-11: P production, T training, D debugging'),
  extraSegments: z.string().max(20_000).regex(/^[\x20-\x7E\r\n]*$/, 'printable ASCII only').optional()
    .describe('Segments after MSH, one per line'),
  ackCharset: z.enum(['utf-8', 'gb18030']).default('utf-8').describe('Character set used to read the ACK text'),
  degradedAboveMs: DegradedAboveMs,
});
export type Hl7ProbeConfig = z.infer<typeof Hl7ProbeConfig>;
