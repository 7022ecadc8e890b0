import model from "./checkworthiness-model.json";
import { EMBEDDING_SIZE, embedSentences } from "./encoder";
import { cueReason, sentenceFeatures } from "./features";
import { predict, weightMap } from "./logistic";

export interface TCheckWorthiness {
  /** In [0, 1]: how likely the sentence is a checkable statement of fact. */
  score: number;
  /** The cues that moved the score most, strongest first. */
  reasons: string[];
}

const weights = weightMap(model.weights);

/** The score at or above which a sentence becomes a claim, unless configured otherwise. */
export const CHECKWORTHY_THRESHOLD: number = model.threshold;
/** The same for the fast model alone (`encoder: false`), chosen the same way. */
export const FAST_CHECKWORTHY_THRESHOLD: number =
  (model as { fastThreshold?: number }).fastThreshold ?? model.threshold;

/**
 * The second stage: a sentence the fast model is unsure of (its score inside `band`) is
 * re-scored by a linear model over the fast model's log-odds and the sentence's encoder
 * vector (stacking; scripts/evaluate.ts trains both). Sentences outside the band keep the
 * fast score, so the encoder runs on about a third of them.
 */
export interface TEncoderStage {
  band: [number, number];
  /** Vector components are multiplied by this (to unit variance) before the weights. */
  scale: number;
  /** [bias, weight of the fast log-odds, one weight per vector component]. */
  weights: number[];
}

const encoderStage = (model as unknown as { encoder?: TEncoderStage }).encoder;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => {
  const q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
  return Math.log(q / (1 - q));
};
const rounded = (score: number) => Math.round(score * 1000) / 1000;

export const inEncoderBand = (stage: TEncoderStage, fast: number) =>
  fast >= stage.band[0] && fast <= stage.band[1];

/** The stacked score of a sentence from its fast score and its encoder vector. */
export function stackedScore(stage: TEncoderStage, fast: number, vector: ArrayLike<number>): number {
  const { weights: w, scale } = stage;
  let sum = (w[0] as number) + (w[1] as number) * logit(fast);
  for (let d = 0; d < EMBEDDING_SIZE; d++) sum += (w[d + 2] as number) * (vector[d] as number) * scale;
  return sigmoid(sum);
}

/** The fast model alone: logistic regression over words, parts of speech, entities and cues. */
export function scoreCheckWorthiness(sentence: string): TCheckWorthiness {
  const features = sentenceFeatures(sentence);
  const reasons = [...features.keys()]
    .filter((name) => cueReason.has(name) && weights.has(name))
    .sort((a, b) => Math.abs(weights.get(b) ?? 0) - Math.abs(weights.get(a) ?? 0))
    .map((name) => cueReason.get(name) as string);
  return { score: rounded(predict(weights, features)), reasons };
}

export interface TScoringOptions {
  /** false: the fast model alone (many times faster, a little less accurate). */
  encoder?: boolean;
}

/** How far the encoder must move a score before the reasons say so. */
const NOTABLE_SHIFT = 0.1;

/**
 * Both stages over many sentences: what the preview and `factdesk extract` use. Intake
 * stores claims on the fast scores and refines them in a job (`refineCheckWorthiness`).
 */
export async function scoreCheckWorthinessAll(
  sentences: readonly string[],
  { encoder = true }: TScoringOptions = {},
): Promise<TCheckWorthiness[]> {
  const fast = sentences.map(scoreCheckWorthiness);
  return encoder ? refineCheckWorthiness(sentences, fast) : fast;
}

/**
 * The second stage over the fast model's results (same order): the sentences it was unsure
 * of get the encoder's score. The reasons name the encoder when it moved a score notably, so
 * an editor sees where a rank came from. Should the encoder fail, the fast scores stand.
 */
export async function refineCheckWorthiness(
  sentences: readonly string[],
  fast: readonly TCheckWorthiness[],
): Promise<TCheckWorthiness[]> {
  const refined = [...fast];
  const stage = encoderStage;
  if (!stage) return refined;
  const unsure = fast.flatMap((result, i) => (inEncoderBand(stage, result.score) ? [i] : []));
  const vectors = await embedSentences(unsure.map((i) => sentences[i] as string)).catch((error) => {
    console.error("Sentence encoder failed; scoring with the fast model alone:", error);
    return null;
  });
  if (!vectors) return refined;
  unsure.forEach((i, k) => {
    const first = fast[i] as TCheckWorthiness;
    const score = rounded(stackedScore(stage, first.score, vectors[k] as Float32Array));
    const shift = score - first.score;
    const encoderReason =
      shift >= NOTABLE_SHIFT
        ? ["reads like claims fact-checkers check (sentence encoder)"]
        : shift <= -NOTABLE_SHIFT
          ? ["reads unlike claims fact-checkers check (sentence encoder)"]
          : [];
    refined[i] = { score, reasons: [...encoderReason, ...first.reasons] };
  });
  return refined;
}
