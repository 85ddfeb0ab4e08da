import type { CryptoProvider } from './provider.ts';

/** Default PBKDF2-SM3 work factor for new hashes. */
export const DEFAULT_PASSWORD_ITERATIONS = 100_000;

const SCHEME = 'pbkdf2-sm3';
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Upper bound so a corrupted or hostile stored hash cannot pin the CPU for minutes. */
const MAX_ITERATIONS = 10_000_000;

interface ParsedHash {
  iterations: number;
  salt: Buffer;
  hash: Buffer;
}

/** Standard base64 that must round-trip exactly (Buffer.from ignores junk characters). */
function decodeBase64(part: string, expectedBytes: number): Buffer | null {
  const bytes = Buffer.from(part, 'base64');
  return bytes.length === expectedBytes && bytes.toString('base64') === part ? bytes : null;
}

function parse(encoded: string): ParsedHash | null {
  const parts = encoded.split('$');
  if (parts.length !== 4 || parts[0] !== SCHEME) return null;
  const [, iterationsText = '', saltText = '', hashText = ''] = parts;
  if (!/^[1-9][0-9]{0,7}$/.test(iterationsText)) return null;
  const iterations = Number(iterationsText);
  if (iterations > MAX_ITERATIONS) return null;
  const salt = decodeBase64(saltText, SALT_BYTES);
  const hash = decodeBase64(hashText, HASH_BYTES);
  return salt && hash ? { iterations, salt, hash } : null;
}

/** Hashes a password as `pbkdf2-sm3$<iterations>$<base64 salt>$<base64 hash>` (GB/T 39786 8.4 a: SM3-based). */
export async function hashPassword(
  provider: CryptoProvider,
  password: string,
  iterations = DEFAULT_PASSWORD_ITERATIONS,
): Promise<string> {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new Error('password_hash.invalid_iterations');
  }
  const salt = provider.randomBytes(SALT_BYTES);
  const hash = await provider.pbkdf2Sm3(password, salt, iterations, HASH_BYTES);
  return `${SCHEME}$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Checks a password against an encoded hash in constant time; false (never throws) for malformed input. */
export async function verifyPassword(provider: CryptoProvider, password: string, encoded: string): Promise<boolean> {
  try {
    const parsed = parse(encoded);
    if (!parsed) return false;
    const candidate = await provider.pbkdf2Sm3(password, parsed.salt, parsed.iterations, HASH_BYTES);
    return provider.timingSafeEqual(candidate, parsed.hash);
  } catch {
    return false;
  }
}

/** True if the hash is malformed, another scheme, or weaker than `iterations`: rehash on next login. */
export function needsRehash(encoded: string, iterations = DEFAULT_PASSWORD_ITERATIONS): boolean {
  const parsed = parse(encoded);
  return !parsed || parsed.iterations < iterations;
}
