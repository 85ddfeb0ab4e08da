/** `npm run bench -- <name>`: runs bench/<name>.bench.ts, which prints its figures. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}`);
  process.exit(2);
}
const mod = (await import(path.join(dir, `${name}.bench.ts`))) as { run(args: string[]): Promise<void> };
await mod.run(process.argv.slice(3));
