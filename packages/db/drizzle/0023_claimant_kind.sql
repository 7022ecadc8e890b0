CREATE TYPE "public"."claimant_kind" AS ENUM('person', 'organisation');--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "claimant_kind" "claimant_kind";--> statement-breakpoint
-- Snapshots carry whether the claimant is a person or an organisation (ClaimReview's author type).
CREATE OR REPLACE FUNCTION verdict_snapshot(revision uuid) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'revision', jsonb_build_object('id', r.id, 'number', r.number, 'headline', r.headline,
      'summary', r.summary, 'explanation', r.explanation, 'correctionNote', r.correction_note),
    'rating', (SELECT jsonb_build_object('key', rt.key, 'label', rt.label, 'colour', rt.colour,
        'ordinal', rt.ordinal, 'best', (SELECT coalesce(max(ordinal), 1) FROM ratings))
      FROM ratings rt WHERE rt.key = r.rating),
    'claim', jsonb_build_object('text', c.text, 'claimant', c.claimant, 'claimantKind', c.claimant_kind),
    'appearance', (SELECT jsonb_build_object('title', a.title, 'url', a.url, 'outlet', a.outlet,
        'publishedAt', to_char(a.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      FROM articles a WHERE a.id = c.article_id),
    'sources', coalesce((SELECT jsonb_agg(jsonb_build_object('id', s.id, 'url', s.url, 'title', s.title,
        'excerpt', s.excerpt, 'stance', s.stance) ORDER BY s.created_at, s.id)
      FROM sources s WHERE s.id = ANY (r.source_ids)), '[]'::jsonb)
  )
  FROM verdict_revisions r
  JOIN verdicts v ON v.id = r.verdict_id
  JOIN claims c ON c.id = v.claim_id
  WHERE r.id = revision
$$;
