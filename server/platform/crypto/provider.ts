/**
 * The one seam between the app and 商用密码 (SM2/SM3/SM4). The software provider implements it in-process;
 * a RemoteHsmProvider for a certified 服务器密码机 / 签名验签服务器 can replace it without touching callers
 * (design notes: shared/design/ecosystem-china.md §2.4).
 *
 * Conventions: strings passed as data are UTF-8; keys are raw bytes (SM4, 16 bytes) or hex (SM2, as the
 * browser and Java libraries exchange them). Failures of authentication throw or return false, never return
 * garbage plaintext.
 */

/** SM4-GCM output: 12-byte IV, ciphertext (same length as plaintext), 16-byte tag. */
export interface Sm4GcmSealed {
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** SM4-GCM input for decryption; any byte arrays. */
export interface Sm4GcmInput {
  iv: Uint8Array;
  ciphertext: Uint8Array;
  tag: Uint8Array;
}

/** Hex SM2 key pair: publicKey is uncompressed '04'‖x‖y (130 hex), privateKey is 64 hex. */
export interface Sm2KeyPair {
  publicKey: string;
  privateKey: string;
}

/** GM/T 0009 default distinguishing ID; fixed so signatures interoperate with Java/Go/C SM2 defaults. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** Cryptographic primitives the platform uses; implementations must be interchangeable. */
export interface CryptoProvider {
  /** SM3 digest (32 bytes). */
  sm3(data: Uint8Array | string): Buffer;
  /** HMAC-SM3 (32 bytes). */
  hmacSm3(key: Uint8Array, data: Uint8Array | string): Buffer;
  /** PBKDF2 with HMAC-SM3; async so hashing never blocks the event loop. */
  pbkdf2Sm3(password: string, salt: Uint8Array, iterations: number, keyLength: number): Promise<Buffer>;
  /**
   * SM4-GCM encrypt with a fresh random 12-byte IV. `iv` exists only for known-answer tests and
   * deterministic fixtures — reusing an IV under one key breaks GCM; an HSM provider may reject it.
   */
  sm4GcmEncrypt(key: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array, iv?: Uint8Array): Sm4GcmSealed;
  /** SM4-GCM decrypt; throws if the tag (over ciphertext and AAD) does not verify. */
  sm4GcmDecrypt(key: Uint8Array, sealed: Sm4GcmInput, aad?: Uint8Array): Buffer;
  /** SM4-CBC with PKCS#7, for legacy interop only: unauthenticated, so pair it with HMAC-SM3. */
  sm4CbcEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Buffer;
  /** SM4-CBC decrypt with PKCS#7; throws on bad padding. */
  sm4CbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Buffer;
  /** New SM2 key pair on the recommended curve. */
  sm2GenerateKeyPair(): Sm2KeyPair;
  /** SM2 signature (GM/T 0009: SM3 with Z, ID '1234567812345678'), DER-encoded hex. */
  sm2Sign(privateKeyHex: string, data: Uint8Array | string): string;
  /** Verifies a DER hex SM2 signature made with ID '1234567812345678'; false for anything malformed. */
  sm2Verify(publicKeyHex: string, data: Uint8Array | string, signatureHex: string): boolean;
  /** SM2 encryption, C1C3C2 hex without the leading '04' (the sm-crypto / browser form). */
  sm2Encrypt(publicKeyHex: string, plaintext: Uint8Array | string): string;
  /** SM2 decryption of C1C3C2 hex, with or without the '04' that BouncyCastle/Hutool emit; throws on failure. */
  sm2Decrypt(privateKeyHex: string, ciphertextHex: string): Buffer;
  /** Cryptographically secure random bytes. */
  randomBytes(n: number): Buffer;
  /** Constant-time equality; false on length mismatch, never throws. */
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
}
