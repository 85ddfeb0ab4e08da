import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './platform/config.ts';
import type { CryptoProvider } from './platform/crypto/index.ts';

export interface Keys {
  masterKey: Buffer;
  auditKey: Buffer;
  /** where a generated key was kept, when configuration gave none */
  generatedAt?: string;
}

/**
 * Keys from configuration, or generated once and kept in `<dataDir>/keys.json` (mode 0600) so that a
 * fresh machine starts with nothing to configure. Production should pass them in (or use a 密码机).
 */
export function loadKeys(config: Config, crypto: CryptoProvider): Keys {
  if (config.masterKeyHex && config.auditKeyHex) {
    return { masterKey: Buffer.from(config.masterKeyHex, 'hex'), auditKey: Buffer.from(config.auditKeyHex, 'hex') };
  }
  const file = path.resolve(config.dataDir, 'keys.json');
  let stored: { masterKey: string; auditKey: string };
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, 'utf8'));
  } else {
    mkdirSync(path.dirname(file), { recursive: true });
    stored = { masterKey: crypto.randomBytes(16).toString('hex'), auditKey: crypto.randomBytes(32).toString('hex') };
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return {
    masterKey: Buffer.from(config.masterKeyHex ?? stored.masterKey, 'hex'),
    auditKey: Buffer.from(config.auditKeyHex ?? stored.auditKey, 'hex'),
    generatedAt: file,
  };
}
