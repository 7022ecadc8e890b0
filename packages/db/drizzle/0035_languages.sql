-- The full-text configuration a language is stemmed with (PostgreSQL's built-in ones that this
-- server has when migrated: Estonian came in 17), else word for word. A plain CASE, made here
-- from the server's list, so it is immutable and as cheap as a constant (generated columns,
-- indexes and every row of a search's highlights use it); kept in step with stemmedLanguages
-- in packages/schema/src/languages.ts (languages.integration.test.ts compares them).
DO $migration$
DECLARE
  cases text;
BEGIN
  SELECT string_agg(format('WHEN %L THEN %L', code, config), ' ') INTO cases
  FROM (VALUES
    ('ar', 'arabic'),
    ('hy', 'armenian'),
    ('eu', 'basque'),
    ('ca', 'catalan'),
    ('da', 'danish'),
    ('nl', 'dutch'),
    ('en', 'english'),
    ('et', 'estonian'),
    ('fi', 'finnish'),
    ('fr', 'french'),
    ('de', 'german'),
    ('el', 'greek'),
    ('hi', 'hindi'),
    ('hu', 'hungarian'),
    ('id', 'indonesian'),
    ('ga', 'irish'),
    ('it', 'italian'),
    ('lt', 'lithuanian'),
    ('ne', 'nepali'),
    ('no', 'norwegian'),
    ('pt', 'portuguese'),
    ('ro', 'romanian'),
    ('ru', 'russian'),
    ('sr', 'serbian'),
    ('es', 'spanish'),
    ('sv', 'swedish'),
    ('ta', 'tamil'),
    ('tr', 'turkish'),
    ('yi', 'yiddish')
  ) AS l(code, config)
  WHERE EXISTS (SELECT 1 FROM pg_ts_config c
    WHERE c.cfgname = l.config AND c.cfgnamespace = 'pg_catalog'::regnamespace);
  EXECUTE format($create$
    CREATE FUNCTION text_search_config(language text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
      SELECT (CASE split_part(language, '-', 1) %s ELSE 'simple' END)::regconfig
    $body$$create$, cases);
END
$migration$;
--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" DROP COLUMN "search";--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector(text_search_config("claims"."language"), "claims"."text")) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "claims_search_idx" ON "claims" USING gin ("search") WITH (fastupdate=false);
