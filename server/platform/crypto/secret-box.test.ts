import { describe, it, expect } from 'vitest';
import { createSecretBox, deriveKey } from './secret-box.ts';
import { createSoftwareCryptoProvider } from './software-provider.ts';

const provider = createSoftwareCryptoProvider();
const masterKey = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
const box = createSecretBox(provider, masterKey);

describe('deriveKey', () => {
  it('is HMAC-SM3(masterKey, label) truncated, distinct per label', () => {
    const full = provider.hmacSm3(masterKey, 'yiwei secret-box v1');
    expect(deriveKey(provider, masterKey, 'yiwei secret-box v1')).toEqual(full.subarray(0, 16));
    expect(deriveKey(provider, masterKey, 'yiwei secret-box v1', 32)).toEqual(full);
    expect(deriveKey(provider, masterKey, 'yiwei audit-mac v1').equals(full.subarray(0, 16))).toBe(false);
    expect(() => deriveKey(provider, masterKey, 'x', 33)).toThrow();
  });
});

describe('secret box', () => {
  it('round-trips, with and without context', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'users.totp_secret');
    expect(sealed).toMatch(/^sm4gcm:v1:[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(box.open(sealed, 'users.totp_secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(box.open(box.seal('手机号 13800138000'))).toBe('手机号 13800138000');
    expect(box.open(box.seal(''))).toBe('');
  });

  it('uses the derived data key, so the format is reproducible elsewhere', () => {
    const sealed = box.seal('x', 'ctx');
    const [iv = '', ciphertext = '', tag = ''] = sealed.slice('sm4gcm:v1:'.length).split('.');
    const key = deriveKey(provider, masterKey, 'yiwei secret-box v1');
    const parts = { iv: Buffer.from(iv, 'base64url'), ciphertext: Buffer.from(ciphertext, 'base64url'), tag: Buffer.from(tag, 'base64url') };
    expect(provider.sm4GcmDecrypt(key, parts, Buffer.from('ctx')).toString()).toBe('x');
  });

  it('fails with the wrong context (value copied into another column)', () => {
    const sealed = box.seal('secret', 'users.totp_secret');
    expect(() => box.open(sealed, 'users.phone')).toThrow('secret_box.invalid');
    expect(() => box.open(sealed)).toThrow('secret_box.invalid');
  });

  it('fails for tampered input and for another master key', () => {
    const sealed = box.seal('secret value', 'c');
    const body = sealed.slice('sm4gcm:v1:'.length);
    const [iv = '', ciphertext = '', tag = ''] = body.split('.');
    const flipChar = (s: string, i: number): string => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const tampered = [
      `sm4gcm:v1:${iv}.${flipChar(ciphertext, 0)}.${tag}`,
      `sm4gcm:v1:${flipChar(iv, 0)}.${ciphertext}.${tag}`,
      `sm4gcm:v1:${iv}.${ciphertext}.${flipChar(tag, 0)}`,
      `sm4gcm:v1:${iv}.${ciphertext.slice(0, -2)}.${tag}`,
      `sm4gcm:v1:${iv}.${ciphertext}!.${tag}`, // junk Buffer.from('base64url') would silently skip
      `sm4gcm:v2:${body}`,
      body,
      '',
    ];
    for (const value of tampered) expect(() => box.open(value, 'c')).toThrow('secret_box.invalid');
    const other = createSecretBox(provider, provider.randomBytes(16));
    expect(() => other.open(sealed, 'c')).toThrow('secret_box.invalid');
  });

  it('produces a different string on every seal', () => {
    const seen = new Set(Array.from({ length: 20 }, () => box.seal('same', 'ctx')));
    expect(seen.size).toBe(20);
  });

  it('recognises sealed values', () => {
    expect(box.isSealed(box.seal('a'))).toBe(true);
    expect(box.isSealed('JBSWY3DPEHPK3PXP')).toBe(false);
    expect(box.isSealed('sm4gcm:v1:garbage')).toBe(false);
  });

  it('requires a 16-byte master key', () => {
    expect(() => createSecretBox(provider, Buffer.alloc(32))).toThrow('secret_box.invalid_master_key');
  });
});
