import { createCipheriv } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { sm2, sm3 as libSm3 } from 'sm-crypto-v2';
import { createSoftwareCryptoProvider } from './software-provider.ts';
import { SM2_DEFAULT_USER_ID } from './provider.ts';

const provider = createSoftwareCryptoProvider();
const hex = (s: string): Buffer => Buffer.from(s, 'hex');

/** Splits a short-form DER SM2 signature into its INTEGER contents (hex). */
function sm2Der(der: string): { r: string; s: string } {
  const rLen = parseInt(der.slice(6, 8), 16) * 2;
  const r = der.slice(8, 8 + rLen);
  const sLen = parseInt(der.slice(10 + rLen, 12 + rLen), 16) * 2;
  return { r, s: der.slice(12 + rLen, 12 + rLen + sLen) };
}

/** Builds SEQUENCE { INTEGER r, INTEGER s } from raw INTEGER contents, without normalising them. */
function derOf(r: string, s: string): string {
  const int = (v: string): string => '02' + (v.length / 2).toString(16).padStart(2, '0') + v;
  const body = int(r) + int(s);
  return '30' + (body.length / 2).toString(16).padStart(2, '0') + body;
}

describe('SM3 (GB/T 32905-2016 appendix A)', () => {
  it('hashes "abc"', () => {
    expect(provider.sm3('abc').toString('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('hashes the 64-byte "abcd"×16 message, as string and as bytes', () => {
    const expected = 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732';
    expect(provider.sm3('abcd'.repeat(16)).toString('hex')).toBe(expected);
    expect(provider.sm3(Buffer.from('abcd'.repeat(16))).toString('hex')).toBe(expected);
  });
});

describe('HMAC-SM3', () => {
  // GM/T 0042-2015 appendix D.3, as reproduced in libxcrypt test/alg-sm3-hmac.c; both libraries agree.
  const seq = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => i + 1));
  const vectors: Array<[string, Buffer, Buffer, string]> = [
    [
      'D.3 #1',
      seq(32),
      Buffer.from('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'.repeat(2)),
      'ca05e144ed05d1857840d1f318a4a8669e559fc8391f414485bfdf7bb408963a',
    ],
    ['D.3 #2', seq(37), Buffer.alloc(50, 0xcd), '220bf579ded555393f0159f66c99877822a3ecf610d1552154b41d44b94db3ae'],
    ['D.3 #3', Buffer.alloc(32, 0x0b), Buffer.from('Hi There'), 'c0ba18c68b90c88bc07de794bfc7d2c8d19ec31ed8773bc2b390c9604e0be11e'],
    [
      'D.3 #4',
      Buffer.from('Jefe'),
      Buffer.from('what do ya want for nothing?'),
      '2e87f1d16862e6d964b50a5200bf2b10b764faa9680a296a2405f24bec39f882',
    ],
  ];

  for (const [name, key, data, mac] of vectors) {
    it(`matches GM/T 0042-2015 ${name}`, () => {
      expect(provider.hmacSm3(key, data).toString('hex')).toBe(mac);
      expect(libSm3(data, { key })).toBe(mac);
    });
  }

  it('agrees with sm-crypto-v2 on assorted inputs (empty, long key, UTF-8 string)', () => {
    const cases: Array<[Uint8Array, Uint8Array | string]> = [
      [Buffer.from('k'), ''],
      [provider.randomBytes(100), provider.randomBytes(1000)],
      [provider.randomBytes(16), '医维 审计日志'],
    ];
    for (const [key, data] of cases) {
      expect(provider.hmacSm3(key, data).toString('hex')).toBe(libSm3(data, { key }));
    }
  });
});

describe('PBKDF2-SM3', () => {
  /** RFC 8018 PBKDF2 spelled out over sm-crypto-v2's HMAC, to check Node's 'sm3' digest independently. */
  function referencePbkdf2(password: string, salt: Buffer, iterations: number, length: number): Buffer {
    const blocks: Buffer[] = [];
    for (let i = 1; blocks.length * 32 < length; i++) {
      const index = Buffer.alloc(4);
      index.writeUInt32BE(i);
      let u = hex(libSm3(Buffer.concat([salt, index]), { key: Buffer.from(password) }));
      const t = Buffer.from(u);
      for (let j = 1; j < iterations; j++) {
        u = hex(libSm3(u, { key: Buffer.from(password) }));
        for (let b = 0; b < 32; b++) t[b] = (t[b] ?? 0) ^ (u[b] ?? 0);
      }
      blocks.push(t);
    }
    return Buffer.concat(blocks).subarray(0, length);
  }

  it('matches a reference implementation, across a block boundary', async () => {
    const salt = Buffer.from('yiwei-salt-0001');
    expect(await provider.pbkdf2Sm3('口令 password', salt, 3, 48)).toEqual(referencePbkdf2('口令 password', salt, 3, 48));
    expect(await provider.pbkdf2Sm3('', salt, 1, 32)).toEqual(referencePbkdf2('', salt, 1, 32));
  });
});

describe('SM4 block cipher (GB/T 32907-2016 appendix A.1)', () => {
  const key = hex('0123456789abcdeffedcba9876543210');
  const expected = '681edf34d206965e86b3e94f536e4246';

  it('Node sm4-ecb is the standard cipher', () => {
    const ecb = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    expect(Buffer.concat([ecb.update(key), ecb.final()]).toString('hex')).toBe(expected);
  });

  it('provider CBC with a zero IV gives the ECB vector as its first block', () => {
    const out = provider.sm4CbcEncrypt(key, Buffer.alloc(16), key);
    expect(out).toHaveLength(32); // one data block + one full PKCS#7 padding block
    expect(out.subarray(0, 16).toString('hex')).toBe(expected);
  });
});

describe('SM4-CBC', () => {
  it('round-trips with PKCS#7 for several lengths', () => {
    const key = provider.randomBytes(16);
    const iv = provider.randomBytes(16);
    for (const n of [0, 1, 15, 16, 17, 1000]) {
      const plaintext = provider.randomBytes(n);
      const ciphertext = provider.sm4CbcEncrypt(key, iv, plaintext);
      expect(ciphertext.length).toBe((Math.floor(n / 16) + 1) * 16);
      expect(provider.sm4CbcDecrypt(key, iv, ciphertext)).toEqual(plaintext);
    }
  });

  it('rejects wrong key and IV lengths', () => {
    expect(() => provider.sm4CbcEncrypt(Buffer.alloc(15), Buffer.alloc(16), Buffer.alloc(1))).toThrow();
    expect(() => provider.sm4CbcEncrypt(Buffer.alloc(16), Buffer.alloc(12), Buffer.alloc(1))).toThrow();
  });
});

describe('SM4-GCM', () => {
  // RFC 8998 appendix A.1.
  const key = hex('0123456789ABCDEFFEDCBA9876543210');
  const iv = hex('00001234567800000000ABCD');
  const aad = hex('FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2');
  const plaintext = hex(
    'AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA',
  );
  const ciphertext = hex(
    '17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D',
  );
  const tag = hex('83DE3541E4C2B58177E065A9BF7B62EC');

  it('matches the RFC 8998 A.1 vector', () => {
    const sealed = provider.sm4GcmEncrypt(key, plaintext, aad, iv);
    expect(sealed.iv).toEqual(iv);
    expect(sealed.ciphertext).toEqual(ciphertext);
    expect(sealed.tag).toEqual(tag);
    expect(provider.sm4GcmDecrypt(key, { iv, ciphertext, tag }, aad)).toEqual(plaintext);
  });

  it('fails on a flipped tag byte, flipped ciphertext byte, wrong AAD or wrong key', () => {
    const badTag = Buffer.from(tag);
    badTag[0] = (badTag[0] ?? 0) ^ 0x01;
    expect(() => provider.sm4GcmDecrypt(key, { iv, ciphertext, tag: badTag }, aad)).toThrow('crypto.gcm_auth_failed');
    const badCiphertext = Buffer.from(ciphertext);
    badCiphertext[10] = (badCiphertext[10] ?? 0) ^ 0x80;
    expect(() => provider.sm4GcmDecrypt(key, { iv, ciphertext: badCiphertext, tag }, aad)).toThrow();
    expect(() => provider.sm4GcmDecrypt(key, { iv, ciphertext, tag })).toThrow();
    expect(() => provider.sm4GcmDecrypt(provider.randomBytes(16), { iv, ciphertext, tag }, aad)).toThrow();
  });

  it('rejects truncated or missing tags instead of skipping authentication', () => {
    for (const short of [Buffer.alloc(0), tag.subarray(0, 12)]) {
      expect(() => provider.sm4GcmDecrypt(key, { iv, ciphertext, tag: short }, aad)).toThrow('crypto.invalid_gcm_tag_length');
    }
  });

  it('uses a fresh random IV by default and round-trips without AAD', () => {
    const k = provider.randomBytes(16);
    const a = provider.sm4GcmEncrypt(k, Buffer.from('hello'));
    const b = provider.sm4GcmEncrypt(k, Buffer.from('hello'));
    expect(a.iv).toHaveLength(12);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(provider.sm4GcmDecrypt(k, a).toString()).toBe('hello');
    expect(provider.sm4GcmDecrypt(k, provider.sm4GcmEncrypt(k, new Uint8Array(0)))).toHaveLength(0);
  });

  it('rejects wrong key and IV lengths', () => {
    expect(() => provider.sm4GcmEncrypt(Buffer.alloc(32), plaintext)).toThrow('crypto.invalid_sm4_key_length');
    expect(() => provider.sm4GcmEncrypt(key, plaintext, undefined, Buffer.alloc(16))).toThrow('crypto.invalid_gcm_iv_length');
  });
});

describe('SM2 signatures', () => {
  const alice = provider.sm2GenerateKeyPair();
  const bob = provider.sm2GenerateKeyPair();

  it('generates uncompressed hex key pairs', () => {
    expect(alice.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(alice.privateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(sm2.getPublicKeyFromPrivateKey(alice.privateKey)).toBe(alice.publicKey);
  });

  it('round-trips; strings sign as their UTF-8 bytes', () => {
    const signature = provider.sm2Sign(alice.privateKey, '审批通过 #42');
    expect(signature).toMatch(/^30/); // DER SEQUENCE
    expect(provider.sm2Verify(alice.publicKey, '审批通过 #42', signature)).toBe(true);
    expect(provider.sm2Verify(alice.publicKey, Buffer.from('审批通过 #42'), signature)).toBe(true);
  });

  it('fails for modified data or another key', () => {
    const signature = provider.sm2Sign(alice.privateKey, Buffer.from('payload'));
    expect(provider.sm2Verify(alice.publicKey, Buffer.from('payloae'), signature)).toBe(false);
    expect(provider.sm2Verify(bob.publicKey, Buffer.from('payload'), signature)).toBe(false);
  });

  it('interoperates with sm-crypto-v2 called directly with ID 1234567812345678 (browser side)', () => {
    expect(SM2_DEFAULT_USER_ID).toBe('1234567812345678');
    const ours = provider.sm2Sign(alice.privateKey, 'interop');
    expect(sm2.doVerifySignature('interop', ours, alice.publicKey, { der: true, hash: true, userId: '1234567812345678' })).toBe(true);
    // …and the ID really is part of the signed hash.
    expect(sm2.doVerifySignature('interop', ours, alice.publicKey, { der: true, hash: true, userId: '' })).toBe(false);
    const theirs = sm2.doSignature('interop', alice.privateKey, { der: true, hash: true, userId: '1234567812345678' });
    expect(provider.sm2Verify(alice.publicKey, 'interop', theirs)).toBe(true);
  });

  it('returns false (never throws) for malformed signatures and keys', () => {
    const signature = provider.sm2Sign(alice.privateKey, 'x');
    const raw = sm2.doSignature('x', alice.privateKey, { hash: true, userId: SM2_DEFAULT_USER_ID }); // r‖s, not DER
    for (const bad of ['', 'zz', '3000', signature + '00', signature.slice(0, -2), raw]) {
      expect(provider.sm2Verify(alice.publicKey, 'x', bad)).toBe(false);
    }
    expect(provider.sm2Verify('04' + '11'.repeat(64), 'x', signature)).toBe(false);
    expect(provider.sm2Verify('not-hex', 'x', signature)).toBe(false);
  });

  it('rejects re-encodings (trailing bytes, padded integers) that sm-crypto-v2 alone would accept', () => {
    const signature = provider.sm2Sign(alice.privateKey, 'm');
    const { r, s } = sm2Der(signature);
    const variants = [signature + '0000', derOf('00' + r, s)];
    for (const variant of variants) {
      expect(sm2.doVerifySignature('m', variant, alice.publicKey, { der: true, hash: true, userId: SM2_DEFAULT_USER_ID })).toBe(true);
      expect(provider.sm2Verify(alice.publicKey, 'm', variant)).toBe(false);
    }
  });

  describe('GB/T 32918.5-2017 / GM/T 0003.5-2012 appendix A example (recommended curve)', () => {
    // Values as reproduced in OpenSSL test/sm2_internal_test.c and other independent implementations.
    // Note: the ALICE123@YAHOO.COM examples of GB/T 32918.2 use a different (example) curve; on the
    // recommended curve the published example uses the default ID 1234567812345678.
    const d = '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8';
    const publicKey =
      '0409F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13';
    const k = '59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21';
    const r = 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3';
    const s = 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA';
    // Both scalars have the top bit set, hence the 00 pads in DER.
    const der = `3046022100${r}022100${s}`;

    it('derives the published public key', () => {
      expect(sm2.getPublicKeyFromPrivateKey(d).toUpperCase()).toBe(publicKey.toUpperCase());
    });

    it('verifies the published signature over "message digest"', () => {
      expect(provider.sm2Verify(publicKey, 'message digest', der)).toBe(true);
      expect(provider.sm2Verify(publicKey, 'message digesT', der)).toBe(false);
      // Not under ALICE123@YAHOO.COM on this curve (see note above).
      expect(sm2.doVerifySignature('message digest', der, publicKey, { der: true, hash: true, userId: 'ALICE123@YAHOO.COM' })).toBe(false);
    });

    it('reproduces the published (r, s) from the published nonce k with sm-crypto-v2', () => {
      const x1 = BigInt('0x' + sm2.getPublicKeyFromPrivateKey(k).slice(2, 66));
      const signature = sm2.doSignature('message digest', d, {
        hash: true,
        userId: SM2_DEFAULT_USER_ID,
        pointPool: [{ k: BigInt('0x' + k), x1 }],
      });
      expect(signature.toUpperCase()).toBe(r + s);
    });
  });
});

describe('SM2 encryption', () => {
  const keys = provider.sm2GenerateKeyPair();

  it('round-trips bytes, UTF-8 strings and empty input', () => {
    const bytes = provider.randomBytes(300);
    expect(provider.sm2Decrypt(keys.privateKey, provider.sm2Encrypt(keys.publicKey, bytes))).toEqual(bytes);
    const text = provider.sm2Encrypt(keys.publicKey, '身份证号 110101199003074514');
    expect(provider.sm2Decrypt(keys.privateKey, text).toString('utf8')).toBe('身份证号 110101199003074514');
    expect(provider.sm2Decrypt(keys.privateKey, provider.sm2Encrypt(keys.publicKey, ''))).toHaveLength(0);
  });

  it('emits C1C3C2 without 04 and accepts the 04-prefixed (BouncyCastle/Hutool) form', () => {
    const ciphertext = provider.sm2Encrypt(keys.publicKey, 'abc');
    expect(ciphertext).toHaveLength(128 + 64 + 6);
    expect(provider.sm2Decrypt(keys.privateKey, '04' + ciphertext).toString()).toBe('abc');
    expect(provider.sm2Decrypt(keys.privateKey, ('04' + ciphertext).toUpperCase()).toString()).toBe('abc');
  });

  it('interoperates with sm-crypto-v2 (C1C3C2) in both directions', () => {
    const theirs = sm2.doEncrypt('来自浏览器', keys.publicKey, 1);
    expect(provider.sm2Decrypt(keys.privateKey, theirs).toString()).toBe('来自浏览器');
    const ours = provider.sm2Encrypt(keys.publicKey, '发往浏览器');
    expect(sm2.doDecrypt(ours, keys.privateKey, 1)).toBe('发往浏览器');
  });

  it('decrypts the GB/T 32918.5 / GM/T 0003.5 example ciphertext, whose x1 itself starts with 04', () => {
    // C1‖C3‖C2 from OpenSSL test/sm2_internal_test.c ("encryption standard", same private key as above).
    const d = '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8';
    const c1 =
      '04EBFC718E8D1798620432268E77FEB6415E2EDE0E073C0F4F640ECD2E149A73E858F9D81E5430A57B36DAAB8F950A3C64E6EE6A63094D99283AFF767E124DF0';
    const c3 = '59983C18F809E262923C53AEC295D30383B54E39D609D160AFCB1908D0BD8766';
    const c2 = '21886CA989CA9C7D58087307CA93092D651EFA';
    expect(provider.sm2Decrypt(d, c1 + c3 + c2).toString()).toBe('encryption standard');
    expect(provider.sm2Decrypt(d, '04' + c1 + c3 + c2).toString()).toBe('encryption standard');
  });

  it('throws on tampering, wrong key, truncation and malformed input', () => {
    const ciphertext = provider.sm2Encrypt(keys.publicKey, 'secret');
    const flip = (at: number): string =>
      ciphertext.slice(0, at) + (ciphertext[at] === '0' ? '1' : '0') + ciphertext.slice(at + 1);
    expect(() => provider.sm2Decrypt(keys.privateKey, flip(140))).toThrow('crypto.sm2_decrypt_failed'); // C3
    expect(() => provider.sm2Decrypt(keys.privateKey, flip(ciphertext.length - 1))).toThrow('crypto.sm2_decrypt_failed'); // C2
    expect(() => provider.sm2Decrypt(keys.privateKey, flip(5))).toThrow('crypto.sm2_decrypt_failed'); // C1
    expect(() => provider.sm2Decrypt(provider.sm2GenerateKeyPair().privateKey, ciphertext)).toThrow('crypto.sm2_decrypt_failed');
    expect(() => provider.sm2Decrypt(keys.privateKey, ciphertext.slice(0, 100))).toThrow('crypto.sm2_decrypt_failed');
    expect(() => provider.sm2Decrypt(keys.privateKey, 'xyz')).toThrow('crypto.sm2_decrypt_failed');
    expect(() => provider.sm2Decrypt('abc', ciphertext)).toThrow('crypto.invalid_sm2_private_key');
  });
});

describe('randomBytes and timingSafeEqual', () => {
  it('returns the requested number of fresh bytes', () => {
    expect(provider.randomBytes(32)).toHaveLength(32);
    expect(provider.randomBytes(16).equals(provider.randomBytes(16))).toBe(false);
  });

  it('compares without throwing on length mismatch', () => {
    expect(provider.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc'))).toBe(true);
    expect(provider.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd'))).toBe(false);
    expect(provider.timingSafeEqual(Buffer.from('abc'), Buffer.from('abcd'))).toBe(false);
    expect(provider.timingSafeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });
});
