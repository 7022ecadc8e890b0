ALTER TYPE "public"."entity_type" ADD VALUE 'fact_check';--> statement-breakpoint
CREATE TABLE "fact_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_text" text NOT NULL,
	"title" text,
	"claimant" text,
	"rating" text,
	"rating_position" double precision,
	"url" text,
	"publisher" text,
	"reviewed_on" date,
	"imported_by" uuid,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', "fact_checks"."claim_text"), 'A') || setweight(to_tsvector('english', coalesce("fact_checks"."title", '')), 'B')) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fact_checks_claim_url_key" UNIQUE NULLS NOT DISTINCT("claim_text","url")
);
--> statement-breakpoint
ALTER TABLE "fact_checks" ADD CONSTRAINT "fact_checks_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fact_checks_search_idx" ON "fact_checks" USING gin ("search");--> statement-breakpoint
-- Term and corpus statistics for BM25 ranking of archive matches; refreshed after each import.
CREATE MATERIALIZED VIEW "fact_check_terms" AS SELECT word, ndoc FROM ts_stat('SELECT search FROM public.fact_checks');--> statement-breakpoint
CREATE UNIQUE INDEX "fact_check_terms_word_idx" ON "fact_check_terms" ("word");--> statement-breakpoint
CREATE MATERIALIZED VIEW "fact_check_corpus" AS SELECT count(*)::int AS docs, coalesce(avg(length(search)), 0)::float8 AS avg_length FROM fact_checks;
