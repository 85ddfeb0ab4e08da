import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAgentArgs } from './args.ts';

const TOKEN = 'ywa_0123456789abcdefghijABCDEFGHIJ_-0123456789';

describe('parseAgentArgs', () => {
  it('reads server, token, data directory and CA file, in both --flag value and --flag=value forms', () => {
    expect(parseAgentArgs(['--server', 'https://yiwei.example.org/', '--token', TOKEN])).toEqual({ serverUrl: 'https://yiwei.example.org', token: TOKEN, dataDir: './data/agent' });
    expect(parseAgentArgs([`--server=https://10.0.0.5:8443`, `--token=${TOKEN}`, '--data-dir', '/var/lib/yiwei-agent', '--ca', '/etc/yiwei/ca.pem'])).toEqual({
      serverUrl: 'https://10.0.0.5:8443',
      token: TOKEN,
      dataDir: '/var/lib/yiwei-agent',
      caFile: '/etc/yiwei/ca.pem',
    });
  });

  it('reads the token from a file, so it stays out of the process list', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'yiwei-args-'));
    try {
      await writeFile(path.join(dir, 'token'), `${TOKEN}\n`);
      expect(parseAgentArgs(['--server', 'https://x.org', '--token-file', path.join(dir, 'token')]).token).toBe(TOKEN);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says what is wrong', () => {
    expect(() => parseAgentArgs(['--token', TOKEN])).toThrow('--server is required');
    expect(() => parseAgentArgs(['--server', 'ftp://x', '--token', TOKEN])).toThrow('http(s)');
    expect(() => parseAgentArgs(['--server', 'https://x'])).toThrow('--token');
    expect(() => parseAgentArgs(['--server', 'https://x', '--token', 'yw_api'])).toThrow('ywa_');
    expect(() => parseAgentArgs(['--server', 'https://x', '--token'])).toThrow('needs a value');
    expect(() => parseAgentArgs(['--verbose'])).toThrow('unknown argument');
  });
});
