import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNEL_CONFIG_SCHEMAS, CHANNEL_KIND_KEYS, CHANNEL_SECRETS_SCHEMAS } from '../../../../shared/schemas/alert-channels.ts';
import { defineChannelKind, redact, truncateBytes, truncateChars } from './channel.ts';
import { CHANNEL_KINDS, getChannelKind } from './index.ts';
import { testCtx } from './fixtures/receiver.ts';

describe('channel building blocks', () => {
  it('redacts every secret value, nested ones and URL-encoded forms included', () => {
    const secrets = { key: 'k3y/with+chars', headers: { Authorization: 'Bearer zzzz' }, short: 'ab' };
    expect(redact('key=k3y%2Fwith%2Bchars raw=k3y/with+chars auth=Bearer zzzz ab', secrets)).toBe('key=*** raw=*** auth=*** ab');
  });

  it('wraps a sender so it never throws and never leaks a secret in the message', async () => {
    const broken = defineChannelKind<object, { token: string }>({
      kind: 'broken',
      configSchema: z.object({}),
      secretsSchema: z.object({ token: z.string() }),
      rateLimit: { perMinute: 1 },
      send: async (_c, s) => {
        throw new Error(`exploded with ${s.token}`);
      },
    });
    const outcome = await broken.send({}, { token: 'super-secret-token' }, { title: 't', text: 't', severity: 'P4' }, testCtx());
    expect(outcome).toMatchObject({ isOk: false, isRetryable: false, message: 'internal error in broken sender: exploded with ***' });
  });

  it('cuts by UTF-8 bytes and by characters without splitting a character', () => {
    expect(truncateBytes('ab', 10)).toBe('ab');
    const cut = truncateBytes('医'.repeat(10), 10); // 30 bytes → 2 characters (6 bytes) + "…" (3 bytes)
    expect(cut).toBe('医医…');
    expect(truncateChars('一二三四五', 3)).toBe('一二…');
    expect(truncateChars('😀😀😀', 2)).toBe('😀…');
  });
});

describe('registry and schemas', () => {
  it('has a sender and both schemas for every kind, and the sender uses the shared schemas', () => {
    for (const key of CHANNEL_KIND_KEYS) {
      const kind = CHANNEL_KINDS[key];
      expect(kind.kind).toBe(key);
      expect(kind.configSchema).toBe(CHANNEL_CONFIG_SCHEMAS[key]);
      expect(kind.secretsSchema).toBe(CHANNEL_SECRETS_SCHEMAS[key]);
      expect(kind.rateLimit.perMinute).toBeGreaterThan(0);
    }
    expect(CHANNEL_KINDS.wecom.rateLimit).toEqual({ perMinute: 20 });
    expect(CHANNEL_KINDS.dingtalk.rateLimit).toEqual({ perMinute: 20 });
    expect(CHANNEL_KINDS.feishu.rateLimit).toEqual({ perMinute: 100, perSecond: 5 });
    expect(getChannelKind('wecom')).toBe(CHANNEL_KINDS.wecom);
    expect(getChannelKind('toString')).toBeUndefined();
  });

  it('exports every config schema as JSON Schema, so the web can build forms from them', () => {
    for (const key of CHANNEL_KIND_KEYS) {
      expect(() => z.toJSONSchema(CHANNEL_CONFIG_SCHEMAS[key], { io: 'input' })).not.toThrow();
      expect(() => z.toJSONSchema(CHANNEL_SECRETS_SCHEMAS[key], { io: 'input' })).not.toThrow();
    }
  });

  it('rejects obvious mistakes in config', () => {
    expect(CHANNEL_CONFIG_SCHEMAS.sms_aliyun.safeParse({ signName: 'x', templateCode: '71390007' }).success).toBe(false);
    expect(CHANNEL_CONFIG_SCHEMAS.webhook.safeParse({ url: 'https://user:pw@example.com/x' }).success).toBe(false);
    expect(CHANNEL_SECRETS_SCHEMAS.dingtalk.safeParse({ accessToken: 't', signSecret: 'nope' }).success).toBe(false);
    expect(CHANNEL_CONFIG_SCHEMAS.email.parse({ host: 'mail.hospital.cn', from: 'a@b.cn' })).toMatchObject({ port: 465, security: 'tls', to: [] });
  });
});
