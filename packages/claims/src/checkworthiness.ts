import model from "./checkworthiness-model.json";
import { cueReason, sentenceFeatures } from "./features";
import { predict, type TWeights } from "./logistic";

export interface TCheckWorthiness {
  /** In [0, 1]: how likely the sentence is a checkable statement of fact. */
  score: number;
  /** The cues that moved the score most, strongest first. */
  reasons: string[];
}

const weights: TWeights = model.weights;

/** The score at or above which a sentence becomes a claim, unless configured otherwise. */
export const CHECKWORTHY_THRESHOLD: number = model.threshold;

/** Logistic regression over words, parts of speech, entities and cues (scripts/evaluate.ts trains it). */
export function scoreCheckWorthiness(sentence: string): TCheckWorthiness {
  const features = sentenceFeatures(sentence);
  const reasons = [...features.keys()]
    .filter((name) => cueReason.has(name) && weights[name] !== undefined)
    .sort((a, b) => Math.abs(weights[b] ?? 0) - Math.abs(weights[a] ?? 0))
    .map((name) => cueReason.get(name) as string);
  return { score: Math.round(predict(weights, features) * 1000) / 1000, reasons };
}
