import type { CryptoProvider } from '../../../platform/crypto/index.ts';
import { deriveKey } from '../../../platform/crypto/index.ts';

// The "acknowledge" link in a WeCom/SMS/e-mail message: /api/alerts/ack/<token>, where the token names the alert and
// the person it was sent to, expires, and is signed with HMAC-SM3 under a key derived from the master key. Opening
// the link shows the alert and a button; only the button's POST acknowledges (chat apps fetch links for previews).

const TTL_MS = 7 * 86_400_000;

export interface AckClaim {
  alertId: string;
  userId: string | null;
  expiresAt: number;
}

export function createAckLinks(crypto: CryptoProvider, masterKey: Uint8Array, publicUrl: string) {
  const key = deriveKey(crypto, masterKey, 'yiwei alert ack link v1', 32);
  const sign = (payload: string) => crypto.hmacSm3(key, payload).subarray(0, 16).toString('base64url');
  return {
    token(alertId: string, userId: string | null, now: Date): string {
      const payload = Buffer.from(JSON.stringify({ a: alertId, u: userId, e: now.getTime() + TTL_MS })).toString('base64url');
      return `${payload}.${sign(payload)}`;
    },
    url(alertId: string, userId: string | null, now: Date): string {
      return `${publicUrl}/api/alerts/ack/${this.token(alertId, userId, now)}`;
    },
    /** The claim of a genuine, unexpired token; null for anything else. */
    verify(token: string, now: Date): AckClaim | null {
      const [payload, mac] = token.split('.');
      if (!payload || !mac || token.length > 600) return null;
      const expected = sign(payload);
      if (expected.length !== mac.length || !crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(mac))) return null;
      try {
        const claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { a?: unknown; u?: unknown; e?: unknown };
        if (typeof claim.a !== 'string' || typeof claim.e !== 'number' || (claim.u !== null && typeof claim.u !== 'string')) return null;
        if (claim.e < now.getTime()) return null;
        return { alertId: claim.a, userId: claim.u as string | null, expiresAt: claim.e };
      } catch {
        return null;
      }
    },
  };
}

export type AckLinks = ReturnType<typeof createAckLinks>;
