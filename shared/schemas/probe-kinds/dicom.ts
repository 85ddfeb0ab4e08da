import { z } from 'zod';
import { DegradedAboveMs, ProbeHost, ProbePort } from './network-target.ts';

// PS3.5: up to 16 characters of the default repertoire without backslash; leading and trailing spaces are not significant.
const aeTitle = (fallback: string) =>
  z.string().trim().min(1).max(16).regex(/^[\x20-\x5B\x5D-\x7E]+$/, 'up to 16 printable ASCII characters, no backslash').default(fallback);

/** DICOM C-ECHO (verification) against a PACS, modality or gateway. */
export const DicomProbeConfig = z.object({
  host: ProbeHost,
  port: ProbePort.default(104),
  calledAeTitle: aeTitle('ANY-SCP').describe('AE title of the remote node'),
  callingAeTitle: aeTitle('YIWEI').describe('Our AE title; many PACS accept only known callers'),
  maxPduLength: z.number().int().min(4_096).max(1_048_576).default(16_384).describe('Largest PDU we accept'),
  degradedAboveMs: DegradedAboveMs,
});
export type DicomProbeConfig = z.infer<typeof DicomProbeConfig>;
