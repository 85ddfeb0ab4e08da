import net from 'node:net';
import type tls from 'node:tls';
import { NoSecrets } from '../../../../shared/schemas/probe-kinds/network-target.ts';
import { TlsProbeConfig } from '../../../../shared/schemas/probe-kinds/tls.ts';
import type { CheckContext, CheckOutcome, ProbeKind } from './probe-kind.ts';
import { clip, failureOutcome, SocketSession } from './socket-util.ts';

const DAY_MS = 86_400_000;

/** "CN=a, issuer CN=b" for messages; certificate names are public, so they are safe to show. */
function describeCertificate(cert: tls.PeerCertificate): string {
  const name = (part: tls.Certificate | undefined) => (part?.CN ? `CN=${String(part.CN)}` : part?.O ? `O=${String(part.O)}` : '?');
  return clip(`${name(cert.subject)}, issuer ${name(cert.issuer)}`, 120);
}

/** Handshakes without rejecting, so an untrusted or expired certificate can still be read and reported. */
async function runTls(config: TlsProbeConfig, _secrets: NoSecrets, ctx: CheckContext): Promise<CheckOutcome> {
  // SNI may not carry an IP literal; Node then checks the certificate against `host` as an IP SAN.
  const servername = config.servername ?? (net.isIP(config.host) ? undefined : config.host);
  let session: SocketSession;
  try {
    session = await SocketSession.open(
      { host: config.host, port: config.port, tls: { servername, rejectUnauthorized: false, ca: config.caPem } },
      ctx,
    );
  } catch (err) {
    return failureOutcome(err);
  }
  const socket = session.socket as tls.TLSSocket;
  const cert = socket.getPeerCertificate();
  const isAuthorized = socket.authorized;
  const authorizationError = String(socket.authorizationError ?? 'unknown reason');
  session.close();

  const latencyMs = session.connectMs;
  const expiresAt = Date.parse(cert?.valid_to ?? '');
  if (Number.isNaN(expiresAt)) return { status: 'down', latencyMs, code: 'tls', message: 'the server sent no certificate' };
  const daysLeft = Math.round(((expiresAt - Date.now()) / DAY_MS) * 10) / 10;
  const measurements = { certDaysLeft: daysLeft };
  const who = describeCertificate(cert);

  if (daysLeft <= 0) {
    return { status: 'down', latencyMs, code: 'tls', message: `certificate expired ${-daysLeft} days ago (${who})`, measurements };
  }
  if (!isAuthorized && !config.ignoreVerification) {
    return { status: 'down', latencyMs, code: 'tls', message: `certificate not trusted: ${authorizationError} (${who})`, measurements };
  }
  if (daysLeft < config.warnDays) {
    return { status: 'degraded', latencyMs, code: 'threshold', message: `certificate expires in ${daysLeft} days (${who})`, measurements };
  }
  return { status: 'up', latencyMs, message: `${who}; expires in ${daysLeft} days`, measurements };
}

/** TLS certificate expiry and trust probe. */
export const tlsProbe: ProbeKind<TlsProbeConfig, NoSecrets> = {
  kind: 'tls',
  configSchema: TlsProbeConfig,
  secretsSchema: NoSecrets,
  targetKey: (config) => `tls:${config.host}:${config.port}`,
  run: runTls,
};
