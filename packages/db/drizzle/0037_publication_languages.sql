-- Readers' search stems each publication in its claim's language (older snapshots are English).
ALTER TABLE "verdict_publications" DROP COLUMN "search";--> statement-breakpoint
ALTER TABLE "verdict_publications" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector(text_search_config(coalesce("verdict_publications"."snapshot" #>> '{claim,language}', 'en')), coalesce("verdict_publications"."snapshot" #>> '{claim,text}', '') || ' ' || coalesce("verdict_publications"."snapshot" #>> '{revision,headline}', ''))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "verdict_publications_search_idx" ON "verdict_publications" USING gin ("search");
