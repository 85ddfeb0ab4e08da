import { z } from 'zod';

// Field shapes shared by the network, web and healthcare probe kinds, so every form validates a host the same way.

/** A DNS name or an IPv4/IPv6 literal; a leading "-" is impossible, so it can never become a command-line option. */
export const ProbeHost = z.union([
  z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9_][A-Za-z0-9.\-_]*$/, 'not a host name or IPv4 address'),
  z.ipv6(),
]).describe('Host name or IP address');

export const ProbePort = z.number().int().min(1).max(65_535).describe('TCP port');

/** Latency above which an otherwise healthy result is reported as degraded. */
export const DegradedAboveMs = z.number().int().min(1).max(600_000).optional().describe('Report degraded when the operation takes longer than this (ms)');

/** PEM text: certificates and CA bundles. Limited so a pasted file cannot bloat the probe row. */
export const PemText = z.string().trim().max(64_000).regex(/^-----BEGIN [A-Z0-9 ]+-----/, 'not PEM text (-----BEGIN …)');

/** An HTTP header name (RFC 9110 token) mapped to a value without line breaks. */
export const HttpHeaders = z.record(
  z.string().min(1).max(100).regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a header name'),
  z.string().max(4_000).regex(/^[^\r\n]*$/, 'header values cannot contain line breaks'),
);

/** Secrets of kinds that have none. */
export const NoSecrets = z.object({});
export type NoSecrets = z.infer<typeof NoSecrets>;
