import { describe, it, expect } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './password-hash.ts';
import { createSoftwareCryptoProvider } from './software-provider.ts';

const provider = createSoftwareCryptoProvider();
// Low iteration counts keep the suite fast; the default (100 000) is exercised once.
const FAST = 1_000;

describe('password hashing (PBKDF2-HMAC-SM3)', () => {
  it('encodes scheme, iterations, 16-byte salt and 32-byte hash', async () => {
    const encoded = await hashPassword(provider, 'correct horse', FAST);
    const [scheme, iterations, salt = '', hash = ''] = encoded.split('$');
    expect(scheme).toBe('pbkdf2-sm3');
    expect(iterations).toBe('1000');
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash, 'base64')).toHaveLength(32);
    expect(await provider.pbkdf2Sm3('correct horse', Buffer.from(salt, 'base64'), 1000, 32)).toEqual(Buffer.from(hash, 'base64'));
  });

  it('defaults to 100 000 iterations', async () => {
    const encoded = await hashPassword(provider, 'pw');
    expect(encoded.split('$')[1]).toBe('100000');
    expect(await verifyPassword(provider, 'pw', encoded)).toBe(true);
  });

  it('verifies the right password and rejects wrong ones', async () => {
    const encoded = await hashPassword(provider, '密码Passw0rd!', FAST);
    expect(await verifyPassword(provider, '密码Passw0rd!', encoded)).toBe(true);
    expect(await verifyPassword(provider, '密码Passw0rd', encoded)).toBe(false);
    expect(await verifyPassword(provider, '', encoded)).toBe(false);
  });

  it('uses a fresh salt each time', async () => {
    const a = await hashPassword(provider, 'same', FAST);
    const b = await hashPassword(provider, 'same', FAST);
    expect(a).not.toBe(b);
    expect(a.split('$')[2]).not.toBe(b.split('$')[2]);
  });

  it('returns false, never throws, for malformed encodings', async () => {
    const good = await hashPassword(provider, 'pw', FAST);
    const [, , salt, hash] = good.split('$');
    const malformed = [
      '',
      'pw',
      '$2b$10$abcdefghijklmnopqrstuv',
      `pbkdf2-sha256$1000$${salt}$${hash}`,
      `pbkdf2-sm3$0$${salt}$${hash}`,
      `pbkdf2-sm3$-5$${salt}$${hash}`,
      `pbkdf2-sm3$01000$${salt}$${hash}`,
      `pbkdf2-sm3$1e3$${salt}$${hash}`,
      `pbkdf2-sm3$999999999$${salt}$${hash}`,
      `pbkdf2-sm3$1000$${salt}`,
      `pbkdf2-sm3$1000$${salt}$${hash}$extra`,
      `pbkdf2-sm3$1000$${salt}$${hash?.slice(0, 20)}`,
      `pbkdf2-sm3$1000$!!${salt}$${hash}`,
    ];
    for (const encoded of malformed) expect(await verifyPassword(provider, 'pw', encoded)).toBe(false);
    expect(await verifyPassword(provider, 'pw', good)).toBe(true);
  });

  it('flags weaker or malformed hashes for rehash', async () => {
    const encoded = await hashPassword(provider, 'pw', FAST);
    expect(needsRehash(encoded, FAST)).toBe(false);
    expect(needsRehash(encoded, FAST * 2)).toBe(true);
    expect(needsRehash(encoded)).toBe(true);
    expect(needsRehash('garbage', FAST)).toBe(true);
  });

  it('rejects invalid iteration counts when hashing', async () => {
    await expect(hashPassword(provider, 'pw', 0)).rejects.toThrow('password_hash.invalid_iterations');
    await expect(hashPassword(provider, 'pw', 1.5)).rejects.toThrow('password_hash.invalid_iterations');
  });
});
