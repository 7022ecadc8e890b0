import { z } from "zod";
import { limits, ZRequired } from "./common";

export const ZRating = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, "A rating key is lower-case letters, digits and _ (up to 40)."),
  label: ZRequired(limits.ratingLabel, "rating label"),
  /** ClaimReview ratingValue on the ordinal scale, 1 = worst; null = outside the scale. */
  ordinal: z.number().int().min(1).max(20).nullable(),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, "A colour is a hex value like #1b7a3a."),
});
export type TRating = z.infer<typeof ZRating>;
export const ZRatingScaleUpdateInput = z.object({
  ratings: z
    .array(ZRating)
    .min(1)
    .max(30)
    .refine((list) => new Set(list.map((r) => r.key)).size === list.length, "Rating keys must be unique."),
});
export type TRatingScaleUpdateInput = z.infer<typeof ZRatingScaleUpdateInput>;
