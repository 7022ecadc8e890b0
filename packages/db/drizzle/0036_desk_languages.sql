-- The languages the desk's articles are in: a search stems its words in each of them.
CREATE TABLE "desk_languages" (
	"language" text PRIMARY KEY NOT NULL
);--> statement-breakpoint
INSERT INTO "desk_languages" VALUES ('en');--> statement-breakpoint
-- OR of tsqueries, for a search in every language at once (one index scan).
CREATE AGGREGATE tsquery_or_agg(tsquery) (SFUNC = tsquery_or, STYPE = tsquery);
--> statement-breakpoint
-- Snapshots carry the claim's language (ClaimReview's inLanguage, the API's language).
CREATE OR REPLACE FUNCTION verdict_snapshot(revision uuid) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'revision', jsonb_build_object('id', r.id, 'number', r.number, 'headline', r.headline,
      'summary', r.summary, 'explanation', r.explanation, 'correctionNote', r.correction_note),
    'rating', (SELECT jsonb_build_object('key', rt.key, 'label', rt.label, 'colour', rt.colour,
        'ordinal', rt.ordinal, 'best', (SELECT coalesce(max(ordinal), 1) FROM ratings))
      FROM ratings rt WHERE rt.key = r.rating),
    'claim', jsonb_build_object('text', c.text, 'claimant', c.claimant, 'claimantKind', c.claimant_kind,
      'language', c.language),
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
