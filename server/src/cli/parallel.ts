/**
 * `check` of many files on worker threads running this same bundle. The files are handed out in
 * chunks as threads become free; each thread reads, decodes and checks its files and keeps them.
 * Once every report's agency and year are known, last year's reports are paired as on one thread,
 * texts are passed where a pair spans two threads, and each thread completes its reports with
 * `cross-year` and renders them for the output: only rendered text and counts come back.
 */
import { availableParallelism } from 'node:os';
import { Worker, parentPort, workerData } from 'node:worker_threads';
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

/** Serves `checkInWorkers` when this is one of its worker threads; false (doing nothing) in any other thread. */
export function runWorker(): boolean {
  const input = workerData as WorkerInput | undefined;
  const port = parentPort;
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
