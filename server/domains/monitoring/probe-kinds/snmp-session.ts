import * as snmp from 'net-snmp';
import type { SnmpProbeConfig, SnmpProbeSecrets } from '../../../../shared/schemas/probe-kinds/snmp.ts';
import { classifyNetworkError } from './device-support.ts';

/** A decoded SNMP value: numbers for the integer types, text for strings, OIDs and addresses. */
export type SnmpValue = number | string;

/** One instance read: `suffix` is the part of the OID below the requested one ('' for a get). */
export interface SnmpReading {
  suffix: string;
  value: SnmpValue;
}

/** GetBulk repetitions per walk request: large enough for a 48-port switch in a few round trips, small enough for a printer. */
const MAX_REPETITIONS = 20;
/** OIDs per GET PDU; more risks tooBig from small agents. */
const OIDS_PER_GET = 20;
/** A walk stops here, so a mistyped OID near the root cannot read a whole agent. */
const MAX_WALK_ROWS = 5_000;

/** Strips the leading dot that snmpwalk prints. */
export function normalizeOid(oid: string): string {
  return oid.startsWith('.') ? oid.slice(1) : oid;
}

/** The value as a number: integer types as they are, and text that is a plain decimal (many sensors report "23.5"). */
export function numericValue(value: SnmpValue): number | undefined {
  if (typeof value === 'number') return value;
  return /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : undefined;
}

/** A Counter64 arrives as big-endian bytes; above 2^53 the double loses only the last bits, which rates do not notice. */
function counter64(bytes: Buffer): number {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return Number(value);
}

/** Decodes a varbind's value, or undefined for the "no such object/instance" and end-of-view markers. */
export function decodeVarbind(varbind: snmp.Varbind): SnmpValue | undefined {
  if (snmp.isVarbindError(varbind)) return undefined;
  const { type, value } = varbind;
  if (type === snmp.ObjectType.Counter64 && Buffer.isBuffer(value)) return counter64(value);
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return value;
  // Printers pad descriptions with NUL bytes; trailing control characters carry no meaning.
  if (Buffer.isBuffer(value)) return value.toString('utf8').replace(/\p{Cc}+$/u, '');
  return undefined;
}

const AUTH_PROTOCOLS = { sha: snmp.AuthProtocols.sha, sha256: snmp.AuthProtocols.sha256, md5: snmp.AuthProtocols.md5 } as const;
const PRIV_PROTOCOLS = { aes: snmp.PrivProtocols.aes, des: snmp.PrivProtocols.des } as const;

/** Why the stored secrets cannot work for the configured version and level, or undefined when they can. */
export function missingCredentials(config: SnmpProbeConfig, secrets: SnmpProbeSecrets): string | undefined {
  if (config.version === 'v2c') return secrets.community ? undefined : 'SNMPv2c needs a community; none is stored';
  if (config.securityLevel !== 'noAuthNoPriv' && !secrets.authKey) return `SNMPv3 ${config.securityLevel} needs an auth key`;
  if (config.securityLevel === 'authPriv' && !secrets.privKey) return 'SNMPv3 authPriv needs a privacy key';
  return undefined;
}

/** A session with promise-shaped requests; `close` may be called any number of times. */
export interface SnmpClient {
  get(oids: readonly string[]): Promise<(SnmpValue | undefined)[]>;
  walk(oid: string): Promise<SnmpReading[]>;
  close(): void;
}

/**
 * Opens a UDP session. One retry fits inside the budget: a single lost datagram is common on busy management VLANs
 * and should not read as an outage.
 */
export function openSnmpClient(config: SnmpProbeConfig, secrets: SnmpProbeSecrets, timeoutMs: number): SnmpClient {
  const common = { port: config.port, retries: 1, timeout: Math.max(100, Math.floor(timeoutMs / 2)), transport: 'udp4' as const };
  const session =
    config.version === 'v2c'
      ? snmp.createSession(config.host, secrets.community ?? '', { ...common, version: snmp.Version2c })
      : snmp.createV3Session(
          config.host,
          {
            name: config.user ?? '',
            level: snmp.SecurityLevel[config.securityLevel],
            ...(config.securityLevel === 'noAuthNoPriv' ? {} : { authProtocol: AUTH_PROTOCOLS[config.authProtocol], authKey: secrets.authKey }),
            ...(config.securityLevel === 'authPriv' ? { privProtocol: PRIV_PROTOCOLS[config.privProtocol], privKey: secrets.privKey } : {}),
          },
          { ...common, version: snmp.Version3, context: config.context },
        );
  // Socket errors also fail the pending request; unhandled here they would crash the process.
  session.on('error', () => undefined);
  let isClosed = false;

  async function getChunk(oids: string[]): Promise<(SnmpValue | undefined)[]> {
    const varbinds = await new Promise<snmp.Varbind[]>((resolve, reject) =>
      session.get(oids, (err, result) => (err ? reject(err) : resolve(result ?? []))),
    );
    return oids.map((_, i) => {
      const varbind = varbinds[i];
      return varbind ? decodeVarbind(varbind) : undefined;
    });
  }

  return {
    async get(oids) {
      const values: (SnmpValue | undefined)[] = [];
      for (let i = 0; i < oids.length; i += OIDS_PER_GET) values.push(...(await getChunk(oids.slice(i, i + OIDS_PER_GET))));
      return values;
    },
    walk(oid) {
      const readings: SnmpReading[] = [];
      return new Promise((resolve, reject) => {
        const feed = (varbinds: snmp.Varbind[]): boolean => {
          for (const varbind of varbinds) {
            const value = decodeVarbind(varbind);
            if (value !== undefined) readings.push({ suffix: varbind.oid.slice(oid.length + 1), value });
          }
          return readings.length >= MAX_WALK_ROWS;
        };
        session.subtree(oid, MAX_REPETITIONS, feed, (err) => (err ? reject(err) : resolve(readings)));
      });
    },
    close() {
      if (isClosed) return;
      isClosed = true;
      try {
        session.close();
      } catch {
        // The socket is already gone; nothing is left to free.
      }
    },
  };
}

/** Maps a net-snmp failure to an outcome code and a short English reason (never the community or keys); `driver` means this server cannot measure. */
export function classifySnmpError(err: unknown, where: string): { code: string; message: string } {
  const name = err instanceof Error ? err.name : '';
  if (name === 'RequestTimedOutError') {
    return { code: 'timeout', message: `no SNMP response from ${where} (wrong community or credentials, ACL, or agent down)` };
  }
  if (err instanceof snmp.ResponseInvalidError) {
    const code = err.code;
    const isAuth = code === snmp.ResponseInvalidCode.EAuthFailure || code === snmp.ResponseInvalidCode.ECouldNotDecrypt;
    return isAuth ? { code: 'auth', message: `SNMPv3 rejected: ${err.message}` } : { code: 'protocol', message: `invalid SNMP response: ${err.message}` };
  }
  if (err instanceof snmp.RequestFailedError) {
    const status = err.status;
    const isAccess = status === snmp.ErrorStatus.AuthorizationError || status === snmp.ErrorStatus.NoAccess;
    return { code: isAccess ? 'privilege' : 'protocol', message: `agent answered ${snmp.ErrorStatus[status] ?? 'an error'}` };
  }
  // OpenSSL 3 (Node 17+) ships DES only in its legacy provider; the device is fine, this server cannot speak to it.
  if ((err as { code?: unknown }).code === 'ERR_OSSL_EVP_UNSUPPORTED') {
    return { code: 'driver', message: 'DES privacy needs Node started with --openssl-legacy-provider; prefer AES on the device' };
  }
  return classifyNetworkError(err, where) ?? { code: 'error', message: err instanceof Error ? err.message : 'SNMP request failed' };
}
