import type { CryptoProvider } from './provider.ts';

const PREFIX = 'sm4gcm:v1:';
const DATA_KEY_LABEL = 'yiwei secret-box v1';
/** 12-byte IV → 16 base64url chars, 16-byte tag → 22; shape only, open() does the real check. */
const SEALED_SHAPE = /^sm4gcm:v1:[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{22}$/;

/** Field encryption bound to a column/purpose; see createSecretBox. */
export interface SecretBox {
  /** Encrypts a string; `context` (e.g. 'users.totp_secret') is authenticated but not stored. */
  seal(plaintext: string, context?: string): string;
  /** Decrypts; throws Error('secret_box.invalid') on tampering, wrong key or wrong context. */
  open(sealed: string, context?: string): string;
  /** True if the value looks like a secret-box string (e.g. to skip already-migrated rows). */
  isSealed(value: string): boolean;
}

/**
 * Derives a purpose-specific key as HMAC-SM3(masterKey, label) truncated to `length` (≤ 32) bytes,
 * so one configured master key can serve several purposes without the uses ever sharing a key.
 */
export function deriveKey(provider: CryptoProvider, masterKey: Uint8Array, label: string, length = 16): Buffer {
  if (!Number.isInteger(length) || length < 1 || length > 32) throw new Error('crypto.invalid_derived_key_length');
  return provider.hmacSm3(masterKey, label).subarray(0, length);
}

/** Strict base64url: Buffer.from(…, 'base64url') silently skips junk characters, which would let edits through. */
function decodeStrict(part: string): Buffer | null {
  const bytes = Buffer.from(part, 'base64url');
  return bytes.toString('base64url') === part ? bytes : null;
}

/** Creates an SM4-GCM secret box (`sm4gcm:v1:<iv>.<ciphertext>.<tag>`, base64url) from a 16-byte master key. */
export function createSecretBox(provider: CryptoProvider, masterKey: Uint8Array): SecretBox {
  if (masterKey.length !== 16) throw new Error('secret_box.invalid_master_key');
  const key = deriveKey(provider, masterKey, DATA_KEY_LABEL);
  const aadFor = (context = ''): Buffer => Buffer.from(context, 'utf8');

  return {
    seal(plaintext, context) {
      const { iv, ciphertext, tag } = provider.sm4GcmEncrypt(key, Buffer.from(plaintext, 'utf8'), aadFor(context));
      return `${PREFIX}${iv.toString('base64url')}.${ciphertext.toString('base64url')}.${tag.toString('base64url')}`;
    },

    open(sealed, context) {
      try {
        if (!SEALED_SHAPE.test(sealed)) throw new Error('shape');
        const [iv, ciphertext, tag] = sealed.slice(PREFIX.length).split('.').map(decodeStrict);
        if (!iv || !ciphertext || !tag) throw new Error('encoding');
        return provider.sm4GcmDecrypt(key, { iv, ciphertext, tag }, aadFor(context)).toString('utf8');
      } catch {
        // One message for every failure so callers cannot become a decryption oracle.
        throw new Error('secret_box.invalid');
      }
    },

    isSealed(value) {
      return SEALED_SHAPE.test(value);
    },
  };
}
