// Child process of outbox.kill.test.ts: runs one outbox worker against the test's PostgreSQL database until it is
// killed. Not a test itself; started with `node --import tsx kill-worker.ts`.
import { systemClock } from '../../../platform/clock.ts';
import { createSecretBox, createSoftwareCryptoProvider } from '../../../platform/crypto/index.ts';
import { createDb } from '../../../platform/db.ts';
import { createLogger } from '../../../platform/log.ts';
import { getChannelKind } from '../channels/index.ts';
import { createOutboxWorker } from './outbox.ts';

const handle = await createDb({ databaseUrl: process.env.YIWEI_KILL_TEST_DB_URL!, poolSize: 2 });
const worker = createOutboxWorker({
  db: handle.db,
  secrets: createSecretBox(createSoftwareCryptoProvider(), Buffer.from(process.env.YIWEI_KILL_TEST_MASTER_KEY!, 'hex')),
  clock: systemClock,
  log: createLogger('silent'),
  workerId: `doomed:${process.pid}`,
  batchSize: 20,
  // The test is about crashes, not rate limits: lift the webhook's 120/min.
  kindOf: (kind) => {
    const k = getChannelKind(kind);
    return k && { ...k, rateLimit: { perMinute: 100_000 } };
  },
});
worker.start(5);
process.stdout.write('ready\n');
