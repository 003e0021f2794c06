/**
 * `check` of many files on worker threads running this same bundle. The files are handed out in
 * chunks as threads become free; each thread reads, decodes and checks its files and keeps them.
 * Once every report's agency and year are known, last year's reports are paired as on one thread,
 * texts are passed where a pair spans two threads, and each thread completes its reports with
 * `cross-year` and renders them for the output: only rendered text and counts come back.
 *
 * When the main thread checks the files itself, a worker thread may read and decode them ahead of
 * it instead (`Prefetcher`).
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { EngineOptions } from '../engine/types';
import type { CliOptions } from './args';
import { agencyKey, checkedOutcome, firstCheck, internal, load, previousModel, problemOutcome, withPrevious, type Checked, type Outcome } from './jobs';
import type { Setup } from './main';
import { messages, type FileProblem } from './messages';

/** Fewer files than this are checked on the main thread, whatever `GKREPORT_JOBS` says. */
const MIN_FILES = 64;
/** At most one thread per this many files when `GKREPORT_JOBS` asks for more. */
const MIN_FILES_PER_THREAD = 16;
/**
 * Without `GKREPORT_JOBS`, one thread per this many files, and one per two CPUs: while a thread
 * warms up, V8 keeps about one more CPU busy compiling its engine and collecting its garbage, so
 * on 2 CPUs a second thread only slows the batch down.
 */
const DEFAULT_FILES_PER_THREAD = 1000;
const CPUS_PER_THREAD = 2;

type WorkerCli = Pick<CliOptions, 'format' | 'quiet' | 'locale'>;

interface WorkerInput {
  gkreport: 'check';
  cli: WorkerCli;
}

type Request =
  | { type: 'check'; files: [index: number, path: string, settings: number][]; settings: [number, EngineOptions][] }
  | { type: 'texts'; indexes: number[] }
  | { type: 'finish'; indexes: number[]; pairs: Pair[] };

/** A report and last year's report of the same agency; `text` when another thread has it. */
interface Pair {
  index: number;
  previous: number;
  template: EngineOptions['template'];
  text?: string;
}

/** What the first check of a file says: why it failed, or the agency and year to pair it by. */
interface FirstSummary {
  index: number;
  loaded: boolean;
  problem?: FileProblem;
  agency?: string;
  year?: number;
}

type Reply =
  | { type: 'checked'; files: FirstSummary[] }
  | { type: 'texts'; texts: [number, string][] }
  | { type: 'finished'; outcomes: [number, Outcome][] };

/**
 * How many worker threads `check` should use for `files` files (1: none, check on the main
 * thread): `GKREPORT_JOBS` if it is a positive integer, else one per 1,000 files and at most one
 * per two of `cpus`.
 */
export function threadCount(env: Record<string, string | undefined>, files: number, cpus = availableParallelism()): number {
  if (files < MIN_FILES) return 1;
  const setting = env.GKREPORT_JOBS?.trim() ?? '';
  if (/^[1-9]\d{0,3}$/.test(setting)) return Math.min(Number(setting), Math.floor(files / MIN_FILES_PER_THREAD));
  return Math.max(1, Math.min(Math.floor(cpus / CPUS_PER_THREAD), Math.floor(files / DEFAULT_FILES_PER_THREAD)));
}

/** The files of one thread and what it has found so far. */
class Checker {
  private readonly texts = new Map<number, string>();
  private readonly checked = new Map<number, { path: string; options: EngineOptions; first: Checked }>();
  private readonly settings = new Map<number, EngineOptions>();

  constructor(private readonly cli: WorkerCli) {}

  handle(request: Request): Reply {
    if (request.type === 'check') return { type: 'checked', files: this.check(request) };
    if (request.type === 'texts') return { type: 'texts', texts: request.indexes.map((i) => [i, this.texts.get(i)!]) };
    return { type: 'finished', outcomes: this.finish(request) };
  }

  private check(request: Extract<Request, { type: 'check' }>): FirstSummary[] {
    for (const [id, options] of request.settings) this.settings.set(id, options);
    return request.files.map(([index, path, settings]) => {
      const loaded = load(path);
      if ('problem' in loaded) return { index, loaded: false, problem: loaded.problem };
      const options = this.settings.get(settings)!;
      const first = firstCheck(loaded.text, options);
      if ('problem' in first) return { index, loaded: true, problem: first.problem };
      this.texts.set(index, loaded.text);
      this.checked.set(index, { path, options, first });
      return { index, loaded: true, agency: first.agency, year: first.year };
    });
  }

  private finish({ indexes, pairs }: Extract<Request, { type: 'finish' }>): [number, Outcome][] {
    const previousOf = new Map(pairs.map((p) => [p.index, p]));
    const models = new Map<number, ReturnType<typeof previousModel>>();
    return indexes.map((index) => {
      const file = this.checked.get(index)!;
      this.checked.delete(index);
      const pair = previousOf.get(index);
      let result = file.first;
      if (pair) {
        if (!models.has(pair.previous)) models.set(pair.previous, previousModel(pair.text ?? this.texts.get(pair.previous)!, pair.template));
        const previous = models.get(pair.previous);
        try {
          if (previous) result = withPrevious(file.first, this.texts.get(index)!, file.options, previous);
        } catch (error) {
          return [index, problemOutcome(file.path, internal(error), true, this.cli, messages(this.cli.locale))];
        }
      }
      return [index, checkedOutcome(file.path, result, this.cli)];
    });
  }
}

/** Serves `checkInWorkers` or a `Prefetcher` when this is one of their worker threads; false (doing nothing) in any other thread. */
export function runWorker(): boolean {
  const input = workerData as WorkerInput | ReaderInput | undefined;
  const port = parentPort;
  if (input?.gkreport === 'read') {
    readAhead(input);
    return true;
  }
  if (!port || input?.gkreport !== 'check') return false;
  const checker = new Checker(input.cli);
  port.on('message', (request: Request) => port.postMessage(checker.handle(request)));
  return true;
}

/** A worker thread that answers requests in the order they were sent. */
interface Peer {
  request(message: Request): Promise<Reply>;
  close(): Promise<void>;
}

function workerPeer(script: string, cli: WorkerCli): Peer {
  const worker = new Worker(script, { workerData: { gkreport: 'check', cli } satisfies WorkerInput });
  const pending: { resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    for (const p of pending.splice(0)) p.reject(failure);
  };
  worker.on('message', (reply: Reply) => pending.shift()?.resolve(reply));
  worker.on('error', fail);
  worker.on('messageerror', fail);
  worker.on('exit', (code) => fail(new Error(`worker thread exited (${code})`)));
  return {
    request: (message) =>
      new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        pending.push({ resolve, reject });
        worker.postMessage(message);
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}

/**
 * Checks the files of `setup` on `threads` threads running `script`, with the same outcomes as on
 * one thread; undefined when a thread failed (the caller then checks on its own thread).
 */
export async function checkInWorkers(setup: Setup, threads: number, script: string): Promise<Outcome[] | undefined> {
  const cli: WorkerCli = { format: setup.cli.format, quiet: setup.cli.quiet, locale: setup.cli.locale };
  const peers: Peer[] = [];
  let aborted = false;
  try {
    for (let i = 0; i < threads; i++) peers.push(workerPeer(script, cli));
    return await spread(setup, peers, () => aborted);
  } catch {
    return undefined;
  } finally {
    aborted = true;
    await Promise.all(peers.map((peer) => peer.close()));
  }
}

async function spread(setup: Setup, peers: Peer[], aborted: () => boolean): Promise<Outcome[]> {
  const { targets } = setup;
  const settingsIds = new Map<EngineOptions, number>();
  const files: [number, string, number][] = [];
  targets.forEach((target, index) => {
    if (target.problem) return;
    const { options } = setup.settingsFor(target.path);
    if (!settingsIds.has(options)) settingsIds.set(options, settingsIds.size);
    files.push([index, target.path, settingsIds.get(options)!]);
  });
  const settingsById = [...settingsIds.keys()];
  const size = Math.max(4, Math.min(32, Math.floor(files.length / (peers.length * 8))));
  const chunks: (typeof files)[] = [];
  for (let i = 0; i < files.length; i += size) chunks.push(files.slice(i, i + size));

  const firsts: (FirstSummary | undefined)[] = new Array(targets.length);
  const owner: number[] = new Array(targets.length);
  const owned: number[][][] = peers.map(() => []);
  let next = 0;
  const feed = async (peer: Peer, p: number, sent: Set<number>) => {
    while (next < chunks.length && !aborted()) {
      const chunk = chunks[next++];
      const settings: [number, EngineOptions][] = [];
      for (const [, , id] of chunk) {
        if (!sent.has(id)) settings.push([id, settingsById[id]]);
        sent.add(id);
      }
      const reply = await peer.request({ type: 'check', files: chunk, settings });
      if (reply.type !== 'checked') throw new Error('unexpected reply');
      for (const first of reply.files) {
        firsts[first.index] = first;
        owner[first.index] = p;
      }
      owned[p].push(reply.files.filter((f) => !f.problem).map((f) => f.index));
    }
  };
  await Promise.all(
    peers.flatMap((peer, p) => {
      const sent = new Set<number>();
      return [feed(peer, p, sent), feed(peer, p, sent)];
    }),
  );
  if (aborted()) throw new Error('aborted');

  const live = files.map(([index]) => firsts[index]!).filter((f) => !f.problem);
  const byKey = new Map<string, number>();
  for (const f of live) {
    const key = agencyKey(f.agency, f.year);
    if (key && !byKey.has(key)) byKey.set(key, f.index);
  }
  const pairOf = new Map<number, Pair>();
  const wanted: Set<number>[] = peers.map(() => new Set());
  for (const f of live) {
    const previous = f.year === undefined ? undefined : byKey.get(agencyKey(f.agency, f.year - 1) ?? '');
    if (previous === undefined) continue;
    pairOf.set(f.index, { index: f.index, previous, template: setup.settingsFor(targets[previous].path).options.template });
    if (owner[previous] !== owner[f.index]) wanted[owner[previous]].add(previous);
  }
  const texts = new Map<number, string>();
  await Promise.all(
    peers.map(async (peer, p) => {
      if (wanted[p].size === 0) return;
      const reply = await peer.request({ type: 'texts', indexes: [...wanted[p]] });
      if (reply.type !== 'texts') throw new Error('unexpected reply');
      for (const [index, text] of reply.texts) texts.set(index, text);
    }),
  );
  for (const pair of pairOf.values()) if (owner[pair.previous] !== owner[pair.index]) pair.text = texts.get(pair.previous);

  const outcomes: (Outcome | undefined)[] = new Array(targets.length);
  const finish = async (peer: Peer, queue: number[][]) => {
    for (let indexes = queue.shift(); indexes && !aborted(); indexes = queue.shift()) {
      const pairs = indexes.flatMap((index) => pairOf.get(index) ?? []);
      const reply = await peer.request({ type: 'finish', indexes, pairs });
      if (reply.type !== 'finished') throw new Error('unexpected reply');
      for (const [index, outcome] of reply.outcomes) outcomes[index] = outcome;
    }
  };
  await Promise.all(peers.flatMap((peer, p) => [finish(peer, owned[p]), finish(peer, owned[p])]));
  if (aborted()) throw new Error('aborted');
  return targets.map((target, index) => {
    const problem = target.problem ?? firsts[index]?.problem;
    if (problem) return problemOutcome(target.path, problem, firsts[index]?.loaded ?? false, setup.cli, setup.messages);
    const outcome = outcomes[index];
    if (!outcome) throw new Error(`no outcome for ${target.path}`);
    return outcome;
  });
}

// ---------------------------------------------------------------------------------------------
// Reading ahead.

/** What `load` gives for a file: its decoded text, or why it cannot be read. */
type Loaded = ReturnType<typeof load>;

/** The files a `Prefetcher`'s thread reads (null: a target not to read), and what it shares with the main thread. */
interface ReaderInput {
  gkreport: 'read';
  paths: (string | null)[];
  /** `Int32Array` slots: `NEXT`, `POSTED`, `WANTED`. */
  shared: SharedArrayBuffer;
  port: MessagePort;
}

/** The next file to read: whichever thread takes it first (Atomics.add) reads it. */
const NEXT = 0;
/** How many batches the reading thread has posted: the main thread waits on it. */
const POSTED = 1;
/** 1 while the main thread waits for a file: the reading thread then posts what it has at once. */
const WANTED = 2;
/** Files a batch holds at most: fewer messages, while the first files still come one by one. */
const BATCH = 8;
/** Fewer files than this are read on the main thread: a worker thread takes longer to start. */
const MIN_PREFETCH = 64;
/** How long the main thread waits for a file the reading thread took before reading it itself. */
const PATIENCE_MS = 10_000;

/**
 * Reads and decodes the files of a `check` on a worker thread, ahead of the main thread that
 * checks them in order. Reading, decoding and telling text from binary took a tenth of the main
 * thread's time in a run over 2,000 reports; a second core does it meanwhile. The main thread
 * asks for each file in turn (`take`) without leaving its synchronous loop: it drains the port with
 * `receiveMessageOnPort`, reads a file itself when the other thread has not taken it yet (at
 * the start, while that thread boots), and otherwise waits for it with `Atomics.wait`.
 */
export class Prefetcher {
  private readonly results = new Map<number, Loaded>();
  private readonly state: Int32Array;
  private drained = 0;
  private broken = false;

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    shared: SharedArrayBuffer,
    private readonly paths: (string | null)[],
  ) {
    this.state = new Int32Array(shared);
  }

  /**
   * A reader of `paths` (null: not to read) on a thread running `script`, or undefined when there
   * are too few files to be worth a thread, one CPU only, or the thread cannot start.
   */
  static start(script: string, paths: (string | null)[], env: Record<string, string | undefined>, cpus = availableParallelism()): Prefetcher | undefined {
    if (cpus < 2 || paths.filter((p) => p !== null).length < MIN_PREFETCH || env.GKREPORT_JOBS?.trim() === '1') return undefined;
    try {
      const shared = new SharedArrayBuffer(4 * 3);
      const { port1, port2 } = new MessageChannel();
      // The thread keeps a file's text only until it is posted: a small young generation will do.
      const worker = new Worker(script, {
        workerData: { gkreport: 'read', paths, shared, port: port2 } satisfies ReaderInput,
        transferList: [port2],
        resourceLimits: { maxYoungGenerationSizeMb: 4 },
      });
      worker.on('error', () => undefined);
      return new Prefetcher(worker, port1, shared, paths);
    } catch {
      return undefined;
    }
  }

  /** File `index` (at `path`), read by the other thread or, when it has not taken it, here. Files are asked for in order. */
  take(index: number, path: string): Loaded {
    for (let waited = 0; ; ) {
      const loaded = this.results.get(index);
      if (loaded !== undefined) {
        this.results.delete(index);
        return loaded;
      }
      if (this.drain()) continue;
      if (this.broken || this.claim(index)) return load(path);
      if (waited >= PATIENCE_MS) {
        this.broken = true;
        continue;
      }
      const before = Date.now();
      Atomics.store(this.state, WANTED, 1);
      Atomics.wait(this.state, POSTED, this.drained, 100);
      Atomics.store(this.state, WANTED, 0);
      waited += Date.now() - before;
    }
  }

  /** Stops the other thread (it may still be reading files nobody will ask for). */
  async close(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }

  /**
   * Whether this thread takes file `index`, which the other has not: the files before it were
   * taken, or are not to be read (this thread skips those, so it takes them here).
   */
  private claim(index: number): boolean {
    for (let next = Atomics.load(this.state, NEXT); next <= index; next = Atomics.load(this.state, NEXT)) {
      if (next < index && this.paths[next] !== null) return false;
      if (Atomics.compareExchange(this.state, NEXT, next, next + 1) === next && next === index) return true;
    }
    return false;
  }

  /** Takes the batches posted so far; whether there were any. */
  private drain(): boolean {
    let any = false;
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      for (const [index, loaded] of m.message as [number, Loaded][]) this.results.set(index, loaded);
      this.drained++;
      any = true;
    }
    return any;
  }
}

/** The worker thread of a `Prefetcher`: takes the next file, reads it, and posts what it read. */
function readAhead({ paths, shared, port }: ReaderInput): void {
  const state = new Int32Array(shared);
  let batch: [number, Loaded][] = [];
  const post = (): void => {
    if (batch.length === 0) return;
    port.postMessage(batch);
    batch = [];
    Atomics.add(state, POSTED, 1);
    Atomics.notify(state, POSTED);
  };
  for (let index = Atomics.add(state, NEXT, 1); index < paths.length; index = Atomics.add(state, NEXT, 1)) {
    const path = paths[index];
    if (path !== null) {
      let loaded: Loaded;
      try {
        loaded = load(path);
      } catch (error) {
        loaded = { problem: internal(error) };
      }
      batch.push([index, loaded]);
    }
    if (batch.length >= BATCH || Atomics.load(state, WANTED) === 1) post();
  }
  post();
  port.close();
}
