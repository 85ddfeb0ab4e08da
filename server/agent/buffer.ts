import { mkdir, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { AgentResult } from '../../shared/schemas/agents.ts';

/** A place in the buffer: byte offset and line count inside one segment file. */
interface Position {
  segment: number;
  offset: number;
  lines: number;
}

/** What survives a restart besides the segments themselves (state.json, replaced atomically). */
interface BufferState {
  /** highest batch sequence ever handed out; the server ignores a batch at or below the last it accepted */
  batchSeq: number;
  /** everything before this position was accepted by the server */
  ack: Position;
  /** the batch handed out and not yet confirmed: it is resent as is, same sequence, same results */
  pending: { seq: number; end: Position; count: number } | null;
  /** results lost because the buffer was full (oldest first) or because the server refused their batch */
  dropped: number;
}

interface Segment {
  no: number;
  bytes: number;
  lines: number;
}

export interface ResultBufferOptions {
  /** the agent's data directory; segments go to `<dataDir>/buffer/` */
  dataDir: string;
  /** bound on the segment files together; beyond it the oldest segment is dropped (default 200 MB) */
  maxBytes?: number;
  /** a segment is closed and a new one started past this size (default maxBytes / 20, at most 8 MB) */
  segmentBytes?: number;
  /** told how many results were lost each time the oldest segment is dropped */
  onDrop?: (lost: number, totalDropped: number) => void;
}

export interface BufferStats {
  backlog: number;
  dropped: number;
  bytes: number;
  segments: number;
  batchSeq: number;
  /** lines that were not valid JSON (a disk fault) and were skipped */
  corrupt: number;
}

const SEGMENT_FILE = /^seg-(\d{12})\.jsonl$/;
const segmentName = (no: number) => `seg-${String(no).padStart(12, '0')}.jsonl`;
const READ_CHUNK = 1 << 20;
const NEWLINE = 0x0a;

/** Lines and bytes up to the last newline; a torn tail (a crash mid-write) is cut off so the next append starts clean. */
async function scanSegment(file: string): Promise<{ bytes: number; lines: number }> {
  const data = await readFile(file);
  const end = data.lastIndexOf(NEWLINE) + 1;
  if (end < data.length) {
    const fh = await open(file, 'r+');
    await fh.truncate(end);
    await fh.sync();
    await fh.close();
  }
  let lines = 0;
  for (let i = data.indexOf(NEWLINE); i !== -1 && i < end; i = data.indexOf(NEWLINE, i + 1)) lines++;
  return { bytes: end, lines };
}

/**
 * The agent's disk-backed FIFO of results: append-only JSON-lines segments, fsync'd per append batch,
 * bounded in bytes (dropping the oldest segment, counted), read oldest first in batches, deleted once the
 * server confirms. The batch sequence lives here too, so a restarted agent resends an unconfirmed batch
 * under its old number and the server's replay check keeps every result stored exactly once.
 */
export async function openResultBuffer(opts: ResultBufferOptions) {
  const dir = path.join(opts.dataDir, 'buffer');
  const statePath = path.join(dir, 'state.json');
  const maxBytes = opts.maxBytes ?? 200 * 1024 * 1024;
  const segmentBytes = opts.segmentBytes ?? Math.min(8 * 1024 * 1024, Math.max(4096, Math.floor(maxBytes / 20)));
  await mkdir(dir, { recursive: true });

  let state: BufferState = { batchSeq: 0, ack: { segment: 0, offset: 0, lines: 0 }, pending: null, dropped: 0 };
  try {
    state = { ...state, ...(JSON.parse(await readFile(statePath, 'utf8')) as Partial<BufferState>) };
  } catch {
    // first start (or a state file lost with its disk): begin at the start of whatever segments exist
  }
  const segments: Segment[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const m = SEGMENT_FILE.exec(name);
    if (m) segments.push({ no: Number(m[1]), ...(await scanSegment(path.join(dir, name))) });
  }
  let corrupt = 0;
  let writer: { no: number; fh: FileHandle } | null = null;
  // A fresh segment after every start: older files are never appended to again.
  let nextNo = Math.max(state.ack.segment, segments.at(-1)?.no ?? 0) + 1;
  let queue: { lines: string[]; done: () => void; fail: (e: unknown) => void }[] = [];
  let lock: Promise<unknown> = Promise.resolve();

  /** Runs `fn` after every operation queued before it: appends, reads and acks never interleave. */
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = lock.then(fn, fn);
    lock = run.catch(() => undefined);
    return run;
  }

  async function saveState() {
    const tmp = `${statePath}.tmp`;
    const fh = await open(tmp, 'w');
    await fh.writeFile(JSON.stringify(state));
    await fh.sync();
    await fh.close();
    await rename(tmp, statePath);
    await syncDir();
  }

  async function syncDir() {
    // Makes a created, renamed or deleted file entry durable; not every platform can open a directory.
    const fh = await open(dir, 'r').catch(() => null);
    await fh?.sync().catch(() => undefined);
    await fh?.close();
  }

  const backlog = () => segments.filter((s) => s.no >= state.ack.segment).reduce((n, s) => n + s.lines - (s.no === state.ack.segment ? state.ack.lines : 0), 0);
  const totalBytes = () => segments.reduce((n, s) => n + s.bytes, 0);

  async function closeWriter() {
    await writer?.fh.close();
    writer = null;
  }

  async function deleteSegment(seg: Segment) {
    if (writer?.no === seg.no) await closeWriter();
    await rm(path.join(dir, segmentName(seg.no)), { force: true });
    segments.splice(segments.indexOf(seg), 1);
  }

  /** Full: the oldest segment goes, with whatever of it the server has not confirmed (counted, logged by the caller). */
  async function dropOldest() {
    const seg = segments[0]!;
    const lost = seg.no < state.ack.segment ? 0 : seg.lines - (seg.no === state.ack.segment ? state.ack.lines : 0);
    await deleteSegment(seg);
    if (state.ack.segment <= seg.no) {
      state.ack = { segment: seg.no + 1, offset: 0, lines: 0 };
      // The unconfirmed batch lost its head: a new batch must get a new number, or the server might take it for a replay.
      state.pending = null;
    }
    state.dropped += lost;
    await saveState();
    if (lost > 0) opts.onDrop?.(lost, state.dropped);
  }

  async function writeQueued() {
    const batch = queue;
    queue = [];
    try {
      const data = Buffer.from(batch.flatMap((b) => b.lines).join(''), 'utf8');
      const lineCount = batch.reduce((n, b) => n + b.lines.length, 0);
      let current = writer ? segments.find((s) => s.no === writer!.no) : undefined;
      if (!current || current.bytes >= segmentBytes) {
        await closeWriter();
        current = { no: nextNo++, bytes: 0, lines: 0 };
        segments.push(current);
        writer = { no: current.no, fh: await open(path.join(dir, segmentName(current.no)), 'a') };
        await syncDir();
      }
      while (segments.length > 1 && totalBytes() + data.length > maxBytes) await dropOldest();
      await writer!.fh.write(data);
      await writer!.fh.datasync();
      current.bytes += data.length;
      current.lines += lineCount;
      for (const b of batch) b.done();
    } catch (err) {
      for (const b of batch) b.fail(err);
    }
  }

  /** Results from `from` on, at most `max` of them, and the position after the last one read. */
  async function readFrom(from: Position, max: number, until?: Position) {
    const results: AgentResult[] = [];
    let end = from;
    let consumed = 0;
    for (const seg of segments) {
      if (seg.no < from.segment || results.length >= max) continue;
      if (until && seg.no > until.segment) break;
      let offset = seg.no === from.segment ? from.offset : 0;
      let lines = seg.no === from.segment ? from.lines : 0;
      const limit = until && seg.no === until.segment ? until.offset : seg.bytes;
      const fh = await open(path.join(dir, segmentName(seg.no)), 'r');
      try {
        while (offset < limit && results.length < max) {
          const chunk = Buffer.alloc(Math.min(READ_CHUNK, limit - offset));
          const { bytesRead } = await fh.read(chunk, 0, chunk.length, offset);
          let start = 0;
          for (let nl = chunk.indexOf(NEWLINE); nl !== -1 && nl < bytesRead && results.length < max; nl = chunk.indexOf(NEWLINE, start)) {
            try {
              results.push(JSON.parse(chunk.toString('utf8', start, nl)) as AgentResult);
            } catch {
              corrupt++;
            }
            start = nl + 1;
            lines++;
            consumed++;
          }
          if (start === 0) throw new Error(`buffer segment ${seg.no}: a line longer than ${READ_CHUNK} bytes`);
          offset += start;
        }
      } finally {
        await fh.close();
      }
      end = { segment: seg.no, offset, lines };
    }
    return { results, end, consumed };
  }

  /** Confirms everything up to `end` and deletes the segments it finished, except the one being written. */
  async function advanceAck(end: Position) {
    state.ack = end;
    state.pending = null;
    await saveState();
    for (const seg of [...segments]) {
      const isDone = seg.no < end.segment || (seg.no === end.segment && end.offset >= seg.bytes);
      if (isDone && seg.no !== writer?.no) {
        await deleteSegment(seg);
        if (seg.no === end.segment) state.ack = { segment: seg.no + 1, offset: 0, lines: 0 };
      }
    }
  }

  return {
    /** Appends results durably: resolves once they are on disk (appends arriving together share one fsync). */
    append(results: readonly AgentResult[]): Promise<void> {
      if (results.length === 0) return Promise.resolve();
      return new Promise<void>((done, fail) => {
        queue.push({ lines: results.map((r) => `${JSON.stringify(r)}\n`), done, fail });
        if (queue.length === 1) void serial(writeQueued);
      });
    },

    /** The batch to send now: the unconfirmed one again if there is one, else the oldest ≤ max results under a new sequence. */
    nextBatch(max: number): Promise<{ seq: number; results: AgentResult[] } | null> {
      return serial(async () => {
        if (state.pending) return { seq: state.pending.seq, results: (await readFrom(state.ack, Infinity, state.pending.end)).results };
        let read = await readFrom(state.ack, max);
        // Only unreadable lines: step over them without spending a sequence number.
        while (read.consumed > 0 && read.results.length === 0) {
          await advanceAck(read.end);
          read = await readFrom(state.ack, max);
        }
        const { results, end } = read;
        if (results.length === 0) return null;
        state.batchSeq++;
        state.pending = { seq: state.batchSeq, end, count: results.length };
        await saveState();
        return { seq: state.batchSeq, results };
      });
    },

    /** The server accepted (or had already accepted) batch `seq`: its results leave the disk. */
    ack(seq: number): Promise<void> {
      return serial(async () => {
        if (state.pending?.seq === seq) await advanceAck(state.pending.end);
      });
    },

    /** The server refused batch `seq` for good (malformed): drop it, counted, so it does not block the rest forever. */
    discard(seq: number): Promise<number> {
      return serial(async () => {
        if (state.pending?.seq !== seq) return 0;
        const lost = state.pending.count;
        state.dropped += lost;
        await advanceAck(state.pending.end);
        return lost;
      });
    },

    /**
     * Aligns with the server after hello: an unconfirmed batch at or below its last accepted sequence arrived
     * already; a sequence behind the server's (state.json lost) jumps ahead so new batches are not taken for replays.
     */
    reconcile(serverLastBatchSeq: number): Promise<void> {
      return serial(async () => {
        if (state.pending && state.pending.seq <= serverLastBatchSeq) await advanceAck(state.pending.end);
        if (state.batchSeq < serverLastBatchSeq) {
          state.batchSeq = serverLastBatchSeq;
          await saveState();
        }
      });
    },

    stats: (): BufferStats => ({ backlog: backlog(), dropped: state.dropped, bytes: totalBytes(), segments: segments.length, batchSeq: state.batchSeq, corrupt }),

    /** Writes what is queued and closes the open segment. */
    close(): Promise<void> {
      return serial(async () => {
        if (queue.length) await writeQueued();
        await closeWriter();
      });
    },
  };
}

export type ResultBuffer = Awaited<ReturnType<typeof openResultBuffer>>;
