-- Publications are snapshots: what readers see is frozen when an editor approves a revision
-- and kept with each publication; the live claim and sources feed the next revision only.
-- One function defines a snapshot, for the backfill below and for the app (see TVerdictSnapshot).
CREATE FUNCTION verdict_snapshot(revision uuid) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'revision', jsonb_build_object('id', r.id, 'number', r.number, 'headline', r.headline,
      'summary', r.summary, 'explanation', r.explanation, 'correctionNote', r.correction_note),
    'rating', (SELECT jsonb_build_object('key', rt.key, 'label', rt.label, 'colour', rt.colour,
        'ordinal', rt.ordinal, 'best', (SELECT coalesce(max(ordinal), 1) FROM ratings))
      FROM ratings rt WHERE rt.key = r.rating),
    'claim', jsonb_build_object('text', c.text, 'claimant', c.claimant),
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
--> statement-breakpoint
ALTER TABLE "verdict_publications" ADD COLUMN "snapshot" jsonb;--> statement-breakpoint
UPDATE "verdict_publications" SET "snapshot" = verdict_snapshot("revision_id");--> statement-breakpoint
ALTER TABLE "verdict_publications" ALTER COLUMN "snapshot" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "verdict_publications" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', coalesce("verdict_publications"."snapshot" #>> '{claim,text}', '') || ' ' || coalesce("verdict_publications"."snapshot" #>> '{revision,headline}', ''))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "verdict_publications_search_idx" ON "verdict_publications" USING gin ("search");--> statement-breakpoint
DROP INDEX "verdict_publications_verdict_id_index";--> statement-breakpoint
ALTER TABLE "verdict_publications" ADD CONSTRAINT "verdict_publications_verdictId_revisionId_unique" UNIQUE("verdict_id","revision_id");--> statement-breakpoint
-- Like the revisions they freeze, publications are history.
CREATE TRIGGER verdict_publications_no_update_delete BEFORE UPDATE OR DELETE ON verdict_publications
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();--> statement-breakpoint
CREATE TRIGGER verdict_publications_no_truncate BEFORE TRUNCATE ON verdict_publications
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();--> statement-breakpoint
ALTER TABLE "verdicts" ADD COLUMN "approved_snapshot" jsonb;--> statement-breakpoint
UPDATE "verdicts" SET "approved_snapshot" = verdict_snapshot("current_revision_id") WHERE "state" = 'approved';--> statement-breakpoint
ALTER TABLE "claim_links" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;
