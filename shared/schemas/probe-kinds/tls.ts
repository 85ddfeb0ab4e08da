import { z } from 'zod';
import { PemText, ProbeHost, ProbePort } from './network-target.ts';

/** TLS certificate expiry and validity of a server's certificate. */
export const TlsProbeConfig = z.object({
  host: ProbeHost,
  port: ProbePort.default(443),
  servername: z.string().trim().max(253).regex(/^[A-Za-z0-9.\-_*]+$/, 'not a host name').optional()
    .describe('SNI name and the name the certificate must match; defaults to host'),
  warnDays: z.number().int().min(0).max(3_650).default(30).describe('Report degraded when the certificate expires within this many days'),
  ignoreVerification: z.boolean().default(false)
    .describe('Accept untrusted chains and name mismatches; an expired certificate is still down'),
  caPem: PemText.optional().describe('Trust these CA certificates (PEM) instead of the public roots, e.g. the hospital’s internal CA'),
});
export type TlsProbeConfig = z.infer<typeof TlsProbeConfig>;
