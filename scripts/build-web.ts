/**
 * Builds the web console into web/dist with Vite, unless web/dist/index.html is already newer than every input:
 * the files under web/ and shared/ (the console bundles the zod contracts), vite.config.ts and the lockfile.
 * Prints 'web: up to date' or 'web: built in Xs'; exits non-zero when the build fails.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const output = join(root, 'web', 'dist', 'index.html');
const inputs = [join(root, 'web'), join(root, 'shared'), join(root, 'vite.config.ts'), join(root, 'package-lock.json')];
const skipped = new Set([join(root, 'web', 'dist'), join(root, 'web', 'node_modules')]);

/** The newest modification time under a path (files only), and which file it was. */
function newest(path: string): { mtimeMs: number; file: string } {
  let best = { mtimeMs: 0, file: path };
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return best; // an optional input (e.g. no lockfile yet)
  }
  if (!stat.isDirectory()) return { mtimeMs: stat.mtimeMs, file: path };
  for (const entry of readdirSync(path)) {
    const child = join(path, entry);
    if (skipped.has(child)) continue;
    const found = newest(child);
    if (found.mtimeMs > best.mtimeMs) best = found;
  }
  return best;
}

function builtAt(): number | null {
  try {
    return statSync(output).mtimeMs;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  const built = builtAt();
  const latest = inputs.map(newest).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
  if (!force && built !== null && built > latest.mtimeMs) {
    console.log('web: up to date');
    return;
  }
  if (built !== null && !force) console.log(`web: ${relative(root, latest.file)} changed, rebuilding`);
  const started = performance.now();
  await build({ configFile: join(root, 'vite.config.ts'), root: join(root, 'web'), logLevel: 'warn' });
  console.log(`web: built in ${((performance.now() - started) / 1000).toFixed(1)}s`);
}

main().catch((error: unknown) => {
  console.error('web: build failed');
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
