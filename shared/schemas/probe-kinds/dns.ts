import { z } from 'zod';
import { DegradedAboveMs } from './network-target.ts';

export const DnsRecordType = z.enum(['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SRV']);
export type DnsRecordType = z.infer<typeof DnsRecordType>;

// ip, ip:port, [v6] or [v6]:port: the forms node:dns setServers accepts.
const dnsServer = z.string().trim().max(60).regex(
  /^(\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]+)$/,
  'an IP address, optionally with :port ([v6]:port for IPv6)',
);

/** DNS lookup of one record type, optionally against a given server. */
export const DnsProbeConfig = z.object({
  name: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9_][A-Za-z0-9.\-_]*\.?$/, 'not a DNS name').describe('Name to resolve'),
  recordType: DnsRecordType.default('A'),
  server: dnsServer.optional().describe('DNS server to ask (ip or ip:port); the system resolvers when empty'),
  expected: z.string().trim().max(500).optional().describe('Down unless some answer contains this text (case-insensitive)'),
  degradedAboveMs: DegradedAboveMs,
});
export type DnsProbeConfig = z.infer<typeof DnsProbeConfig>;
