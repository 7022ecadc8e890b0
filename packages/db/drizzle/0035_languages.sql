-- The full-text configuration a language is stemmed with (PostgreSQL's built-in ones, those
-- this server has: Estonian came in 17), else word for word. Immutable, so generated columns
-- and indexes may use it; kept in step with stemmedLanguages in packages/schema/src/languages.ts
-- (languages.integration.test.ts compares them).
CREATE FUNCTION text_search_config(language text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce((SELECT c.oid::regconfig FROM pg_ts_config c
    WHERE c.cfgnamespace = 'pg_catalog'::regnamespace AND c.cfgname = CASE split_part(language, '-', 1)
    WHEN 'ar' THEN 'arabic'
    WHEN 'hy' THEN 'armenian'
    WHEN 'eu' THEN 'basque'
    WHEN 'ca' THEN 'catalan'
    WHEN 'da' THEN 'danish'
    WHEN 'nl' THEN 'dutch'
    WHEN 'en' THEN 'english'
    WHEN 'et' THEN 'estonian'
    WHEN 'fi' THEN 'finnish'
    WHEN 'fr' THEN 'french'
    WHEN 'de' THEN 'german'
    WHEN 'el' THEN 'greek'
    WHEN 'hi' THEN 'hindi'
    WHEN 'hu' THEN 'hungarian'
    WHEN 'id' THEN 'indonesian'
    WHEN 'ga' THEN 'irish'
    WHEN 'it' THEN 'italian'
    WHEN 'lt' THEN 'lithuanian'
    WHEN 'ne' THEN 'nepali'
    WHEN 'no' THEN 'norwegian'
    WHEN 'pt' THEN 'portuguese'
    WHEN 'ro' THEN 'romanian'
    WHEN 'ru' THEN 'russian'
    WHEN 'sr' THEN 'serbian'
    WHEN 'es' THEN 'spanish'
    WHEN 'sv' THEN 'swedish'
    WHEN 'ta' THEN 'tamil'
    WHEN 'tr' THEN 'turkish'
    WHEN 'yi' THEN 'yiddish'
    ELSE 'simple' END), 'simple'::regconfig)
$$;
--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" DROP COLUMN "search";--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector(text_search_config("claims"."language"), "claims"."text")) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "claims_search_idx" ON "claims" USING gin ("search") WITH (fastupdate=false);
