ALTER TABLE "claims" ADD COLUMN "stated_on" date;--> statement-breakpoint
-- Snapshots carry the day the claim was made (ClaimReview's itemReviewed.datePublished).
CREATE OR REPLACE FUNCTION verdict_snapshot(revision uuid) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'revision', jsonb_build_object('id', r.id, 'number', r.number, 'headline', r.headline,
      'summary', r.summary, 'explanation', r.explanation, 'correctionNote', r.correction_note),
    'rating', (SELECT jsonb_build_object('key', rt.key, 'label', rt.label, 'colour', rt.colour,
        'ordinal', rt.ordinal, 'best', (SELECT coalesce(max(ordinal), 1) FROM ratings))
      FROM ratings rt WHERE rt.key = r.rating),
    'claim', jsonb_build_object('text', c.text, 'claimant', c.claimant, 'claimantKind', c.claimant_kind,
      'language', c.language,
      'statedOn', to_char(c.stated_on, 'YYYY-MM-DD')),
    'appearance', (SELECT jsonb_build_object('title', a.title, 'url', a.url, 'outlet', a.outlet,
        'publishedAt', to_char(a.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      FROM articles a WHERE a.id = c.article_id),
    'sources', coalesce((SELECT jsonb_agg(jsonb_build_object('id', s.id, 'url', s.url, 'title', s.title,
        'excerpt', s.excerpt, 'stance', s.stance) ORDER BY s.created_at, s.id)
      FROM sources s WHERE s.id = ANY (r.source_ids)), '[]'::jsonb),
    'media', (SELECT jsonb_build_object('id', m.id, 'kind', m.kind, 'mime', m.mime, 'sha256', m.sha256,
        'publicSha256', m.public_sha256, 'address', m.address, 'file', m.public_copy IS NOT NULL, 'rating', r.media_rating)
      FROM media_items m WHERE m.claim_id = c.id AND m.detached_at IS NULL)
  )
  FROM verdict_revisions r
  JOIN verdicts v ON v.id = r.verdict_id
  JOIN claims c ON c.id = v.claim_id
  WHERE r.id = revision
$$;
