ALTER TYPE "public"."entity_type" ADD VALUE 'media';--> statement-breakpoint
CREATE TABLE "media_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"mime" text,
	"file_name" text,
	"byte_size" integer,
	"sha256" text,
	"original" "bytea",
	"public_copy" "bytea",
	"public_sha256" text,
	"removed_metadata" text[] DEFAULT '{}'::text[] NOT NULL,
	"address" text,
	"added_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"detached_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "verdict_revisions" ADD COLUMN "media_rating" text;--> statement-breakpoint
ALTER TABLE "media_items" ADD CONSTRAINT "media_items_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_items" ADD CONSTRAINT "media_items_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "media_items_claim_id_index" ON "media_items" USING btree ("claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "media_items_current_idx" ON "media_items" USING btree ("claim_id") WHERE "media_items"."detached_at" is null;--> statement-breakpoint
ALTER TABLE "verdict_revisions" ADD CONSTRAINT "verdict_revisions_media_rating_check" CHECK ("media_rating" IN ('original', 'missing_context', 'edited_or_cropped', 'transformed', 'staged', 'satire'));--> statement-breakpoint
ALTER TABLE "media_items" ADD CONSTRAINT "media_items_kind_check" CHECK ("kind" IN ('image', 'video'));--> statement-breakpoint
ALTER TABLE "media_items" ADD CONSTRAINT "media_items_file_or_address" CHECK ("original" IS NOT NULL OR "address" IS NOT NULL);--> statement-breakpoint
-- Evidence is kept as it came: a media item is only ever detached from its claim (once), never changed.
CREATE FUNCTION media_items_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.detached_at IS NOT NULL OR (NEW.id, NEW.claim_id, NEW.kind, NEW.mime, NEW.file_name, NEW.byte_size,
      NEW.sha256, NEW.original, NEW.public_copy, NEW.public_sha256, NEW.removed_metadata, NEW.address, NEW.added_by, NEW.created_at)
    IS DISTINCT FROM (OLD.id, OLD.claim_id, OLD.kind, OLD.mime, OLD.file_name, OLD.byte_size,
      OLD.sha256, OLD.original, OLD.public_copy, OLD.public_sha256, OLD.removed_metadata, OLD.address, OLD.added_by, OLD.created_at) THEN
    RAISE EXCEPTION 'media items are kept as they came: one can only be detached from its claim';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER media_items_kept BEFORE UPDATE ON "media_items" FOR EACH ROW EXECUTE FUNCTION media_items_kept();--> statement-breakpoint
-- Snapshots carry the claim's media item and its MediaReview rating (MediaReview markup, the page's figure).
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
--> statement-breakpoint
-- Readers get an item's copy only when a publication shows it: found by this.
CREATE INDEX "verdict_publications_media_idx" ON "verdict_publications" ((snapshot #>> '{media,id}')) WHERE snapshot ? 'media';
