import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentResult } from '../../shared/schemas/agents.ts';
import { openResultBuffer, type ResultBuffer } from './buffer.ts';

const PROBE = '6f0e7c5e-1b1a-4c8e-9a57-9b8f6f1e2a01';
const result = (i: number): AgentResult => ({ probeId: PROBE, checkedAt: new Date(Date.UTC(2026, 10, 23, 0, 0, i)).toISOString(), status: 'up', latencyMs: i, code: null, message: null });
const seconds = (rs: AgentResult[]) => rs.map((r) => r.latencyMs);

let dataDir: string;
const open: ResultBuffer[] = [];
async function openBuffer(o: { maxBytes?: number; segmentBytes?: number; onDrop?: (lost: number) => void } = {}) {
  const b = await openResultBuffer({ dataDir, ...o });
  open.push(b);
  return b;
}
async function drain(b: ResultBuffer, max: number) {
  const seen: AgentResult[] = [];
  const seqs: number[] = [];
  for (let batch = await b.nextBatch(max); batch; batch = await b.nextBatch(max)) {
    seen.push(...batch.results);
    seqs.push(batch.seq);
    await b.ack(batch.seq);
  }
  return { seen, seqs };
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'yiwei-buffer-'));
});
afterEach(async () => {
  for (const b of open.splice(0)) await b.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('result buffer', () => {
  it('gives results back in append order across segments, one increasing sequence per batch', async () => {
    const b = await openBuffer({ segmentBytes: 600 });
    for (let i = 0; i < 100; i += 10) await b.append(Array.from({ length: 10 }, (_, k) => result(i + k)));
    expect(b.stats().segments).toBeGreaterThan(3);
    expect(b.stats().backlog).toBe(100);
    const { seen, seqs } = await drain(b, 7);
    expect(seconds(seen)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(seqs).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(b.stats()).toMatchObject({ backlog: 0, dropped: 0 });
    // Confirmed segments are deleted; only the one still being written stays.
    expect((await readdir(path.join(dataDir, 'buffer'))).filter((f) => f.endsWith('.jsonl'))).toHaveLength(1);
  });

  it('appends arriving together are written in one go and all land', async () => {
    const b = await openBuffer();
    await Promise.all(Array.from({ length: 50 }, (_, i) => b.append([result(i)])));
    expect(seconds((await drain(b, 1000)).seen)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('stays within its bound by dropping the oldest segment, and counts what it lost', async () => {
    const lost: number[] = [];
    const b = await openBuffer({ maxBytes: 3000, segmentBytes: 500, onDrop: (n) => lost.push(n) });
    for (let i = 0; i < 200; i++) await b.append([result(i)]);
    const stats = b.stats();
    expect(stats.bytes).toBeLessThanOrEqual(3000);
    expect(stats.dropped).toBeGreaterThan(0);
    expect(lost.reduce((a, n) => a + n, 0)).toBe(stats.dropped);
    expect(stats.backlog + stats.dropped).toBe(200);
    const { seen } = await drain(b, 1000);
    // What is left is the newest run, without holes.
    expect(seconds(seen)).toEqual(Array.from({ length: seen.length }, (_, i) => 200 - seen.length + i));
  });

  it('a dropped unconfirmed batch is not resent under its old sequence', async () => {
    const b = await openBuffer({ maxBytes: 3000, segmentBytes: 500 });
    for (let i = 0; i < 10; i++) await b.append([result(i)]);
    const first = await b.nextBatch(5);
    for (let i = 10; i < 200; i++) await b.append([result(i)]);
    const next = await b.nextBatch(5);
    expect(next!.seq).toBe(first!.seq + 1);
    expect(next!.results[0]!.latencyMs).toBeGreaterThan(9);
  });

  it('skips a torn last line left by a crash', async () => {
    const b = await openBuffer();
    await b.append([result(0), result(1), result(2)]);
    await b.close();
    open.splice(0);
    const seg = (await readdir(path.join(dataDir, 'buffer'))).find((f) => f.endsWith('.jsonl'))!;
    await appendFile(path.join(dataDir, 'buffer', seg), '{"probeId":"6f0e7c5e-1b1a-4c8e-9a57-9b8f6f1e2a01","checkedAt":"20');
    const again = await openBuffer();
    expect(again.stats().backlog).toBe(3);
    await again.append([result(3)]);
    expect(seconds((await drain(again, 100)).seen)).toEqual([0, 1, 2, 3]);
  });

  it('after a restart resends the unconfirmed batch under the same sequence, then continues', async () => {
    const b = await openBuffer({ segmentBytes: 600 });
    await b.append(Array.from({ length: 10 }, (_, i) => result(i)));
    const one = await b.nextBatch(4);
    await b.ack(one!.seq);
    const two = await b.nextBatch(4);
    await b.close();
    open.splice(0);

    const again = await openBuffer({ segmentBytes: 600 });
    const resent = await again.nextBatch(4);
    expect(resent).toEqual(two);
    await again.ack(resent!.seq);
    await again.append([result(10)]);
    const rest = await drain(again, 100);
    expect(rest.seqs).toEqual([3]);
    expect(seconds(rest.seen)).toEqual([8, 9, 10]);
  });

  it('reconciles with the server: a batch it already has is confirmed, a lost sequence jumps ahead', async () => {
    const b = await openBuffer();
    await b.append([result(0), result(1)]);
    const sent = await b.nextBatch(1);
    await b.reconcile(sent!.seq);
    expect(b.stats().backlog).toBe(1);
    await b.reconcile(41);
    expect((await b.nextBatch(10))!.seq).toBe(42);
  });
});
