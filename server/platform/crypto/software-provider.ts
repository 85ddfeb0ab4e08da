import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  pbkdf2,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { promisify } from 'node:util';
import { sm2, sm4 } from 'sm-crypto-v2';
import { SM2_DEFAULT_USER_ID, type CryptoProvider, type Sm4GcmInput, type Sm4GcmSealed } from './provider.ts';

const pbkdf2Async = promisify(pbkdf2);

/** Order n of the SM2 recommended curve (GB/T 32918.5); signature scalars must lie in [1, n-1]. */
const SM2_N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const PRIVATE_KEY_HEX = /^[0-9a-fA-F]{64}$/;
/** C1 (64 bytes, no '04') + C3 (32 bytes), in hex. */
const SM2_CIPHERTEXT_MIN_HEX = 192;

function requireLength(value: Uint8Array, length: number, what: string): void {
  if (value.length !== length) throw new Error(`crypto.invalid_${what}_length`);
}

function requirePrivateKey(privateKeyHex: string): void {
  if (!PRIVATE_KEY_HEX.test(privateKeyHex)) throw new Error('crypto.invalid_sm2_private_key');
}

/**
 * Encode strings ourselves: sm-crypto-v2 has two UTF-8 encoders (its utf8ToArray mis-encodes code points
 * U+40000–U+FFFFF), and the bytes we sign must be exactly what Java/Go peers see for the same string.
 */
function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

/**
 * Strict DER → r‖s hex. sm-crypto-v2's own DER reader ignores trailing bytes and accepts padded integers,
 * so one signature would have many valid encodings (bad for anything keyed or deduplicated on signature
 * bytes); GM/T 0003 also requires r, s ∈ [1, n-1].
 */
function derSignatureToRaw(signatureHex: string): string | null {
  if (!HEX.test(signatureHex)) return null;
  const der = Buffer.from(signatureHex, 'hex');
  // SEQUENCE with a short-form length: a valid SM2 signature is at most 72 bytes.
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return null;
  let offset = 2;
  const scalars: string[] = [];
  for (let i = 0; i < 2; i++) {
    const length = der[offset + 1] ?? 0;
    if (der[offset] !== 0x02 || length < 1 || length > 33 || offset + 2 + length > der.length) return null;
    const value = der.subarray(offset + 2, offset + 2 + length);
    const first = value[0] ?? 0;
    const second = value[1] ?? 0;
    if (first & 0x80) return null; // negative
    if (length > 1 && first === 0 && !(second & 0x80)) return null; // non-minimal leading zero
    const scalar = BigInt('0x' + value.toString('hex'));
    if (scalar < 1n || scalar >= SM2_N) return null;
    scalars.push(scalar.toString(16).padStart(64, '0'));
    offset += 2 + length;
  }
  return offset === der.length ? scalars.join('') : null;
}

/** Software CryptoProvider: Node/OpenSSL for SM3, HMAC, PBKDF2 and SM4-CBC; sm-crypto-v2 for SM2 and SM4-GCM. */
export function createSoftwareCryptoProvider(): CryptoProvider {
  return {
    sm3(data) {
      return createHash('sm3').update(data).digest();
    },

    hmacSm3(key, data) {
      return createHmac('sm3', key).update(data).digest();
    },

    pbkdf2Sm3(password, salt, iterations, keyLength) {
      return pbkdf2Async(password, salt, iterations, keyLength, 'sm3');
    },

    // OpenSSL 3.0 (Node 20) has no SM4 AEAD, hence the JS implementation for GCM.
    sm4GcmEncrypt(key, plaintext, aad, iv): Sm4GcmSealed {
      requireLength(key, 16, 'sm4_key');
      const nonce = iv ?? randomBytes(12);
      requireLength(nonce, 12, 'gcm_iv');
      const result = sm4.encrypt(plaintext, key, {
        mode: 'gcm',
        iv: nonce,
        associatedData: aad,
        output: 'array',
        outputTag: true,
      });
      if (!result.tag) throw new Error('crypto.gcm_no_tag');
      return { iv: Buffer.from(nonce), ciphertext: Buffer.from(result.output), tag: Buffer.from(result.tag) };
    },

    sm4GcmDecrypt(key, sealed: Sm4GcmInput, aad) {
      requireLength(key, 16, 'sm4_key');
      requireLength(sealed.iv, 12, 'gcm_iv');
      // The library skips authentication entirely when no tag is given, so the length check is load-bearing.
      requireLength(sealed.tag, 16, 'gcm_tag');
      try {
        const plaintext = sm4.decrypt(sealed.ciphertext, key, {
          mode: 'gcm',
          iv: sealed.iv,
          associatedData: aad,
          tag: sealed.tag,
          output: 'array',
        });
        return Buffer.from(plaintext);
      } catch {
        throw new Error('crypto.gcm_auth_failed');
      }
    },

    sm4CbcEncrypt(key, iv, plaintext) {
      const cipher = createCipheriv('sm4-cbc', key, iv);
      return Buffer.concat([cipher.update(plaintext), cipher.final()]);
    },

    sm4CbcDecrypt(key, iv, ciphertext) {
      const decipher = createDecipheriv('sm4-cbc', key, iv);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    },

    sm2GenerateKeyPair() {
      const { publicKey, privateKey } = sm2.generateKeyPairHex();
      return { publicKey, privateKey };
    },

    // Never Node's crypto.sign: it yields ECDSA-on-SM2 or an empty-ID signature (design notes §2.2).
    sm2Sign(privateKeyHex, data) {
      requirePrivateKey(privateKeyHex);
      return sm2.doSignature(toBytes(data), privateKeyHex, { der: true, hash: true, userId: SM2_DEFAULT_USER_ID });
    },

    sm2Verify(publicKeyHex, data, signatureHex) {
      const raw = derSignatureToRaw(signatureHex);
      if (!raw) return false;
      try {
        return sm2.doVerifySignature(toBytes(data), raw, publicKeyHex, {
          der: false,
          hash: true,
          userId: SM2_DEFAULT_USER_ID,
        });
      } catch {
        return false; // invalid public key point, etc.
      }
    },

    sm2Encrypt(publicKeyHex, plaintext) {
      return sm2.doEncrypt(toBytes(plaintext), publicKeyHex, 1); // 1 = C1C3C2 (GM/T 0003 order)
    },

    sm2Decrypt(privateKeyHex, ciphertextHex) {
      requirePrivateKey(privateKeyHex);
      if (!HEX.test(ciphertextHex)) throw new Error('crypto.sm2_decrypt_failed');
      // A leading '04' is ambiguous: it is either the point-format byte (Java) or the first byte of x1
      // (about 1 in 256 ciphertexts, including the GB/T 32918.5 example). Try both; the point check on C1
      // and the C3 hash reject the wrong reading.
      const candidates = ciphertextHex.startsWith('04') ? [ciphertextHex.slice(2), ciphertextHex] : [ciphertextHex];
      for (const candidate of candidates) {
        if (candidate.length < SM2_CIPHERTEXT_MIN_HEX) continue;
        try {
          const plaintext: unknown = sm2.doDecrypt(candidate, privateKeyHex, 1, { output: 'array' });
          // On a C3 mismatch the library returns a plain [] rather than throwing.
          if (plaintext instanceof Uint8Array) return Buffer.from(plaintext);
        } catch {
          // not a point on the curve under this reading; try the next one
        }
      }
      throw new Error('crypto.sm2_decrypt_failed');
    },

    randomBytes(n) {
      return randomBytes(n);
    },

    timingSafeEqual(a, b) {
      if (a.length !== b.length) return false;
      try {
        return timingSafeEqual(a, b);
      } catch {
        return false;
      }
    },
  };
}
