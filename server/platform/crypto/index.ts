/** Platform 商用密码 module: one CryptoProvider interface, a software implementation, and helpers built on it. */
export { SM2_DEFAULT_USER_ID } from './provider.ts';
export type { CryptoProvider, Sm2KeyPair, Sm4GcmInput, Sm4GcmSealed } from './provider.ts';
export { createSoftwareCryptoProvider } from './software-provider.ts';
export { createSecretBox, deriveKey } from './secret-box.ts';
export type { SecretBox } from './secret-box.ts';
export { DEFAULT_PASSWORD_ITERATIONS, hashPassword, needsRehash, verifyPassword } from './password-hash.ts';
