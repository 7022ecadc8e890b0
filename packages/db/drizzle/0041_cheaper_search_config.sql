-- text_search_config cast its CASE's text to regconfig on every call, a catalog lookup by name
-- (about 14 µs: 0.7 ms of a search page's 51 highlights, and every claim written). The same
-- mapping, each branch now a regconfig constant: the codes are read from the function as
-- 0035 made it for this server, and each one's configuration from calling it, so nothing
-- changes but the cost.
DO $migration$
DECLARE
  cases text;
BEGIN
  SELECT string_agg(format('WHEN %L THEN %L::regconfig', code, text_search_config(code)::text), ' ' ORDER BY code)
  INTO cases
  FROM (
    SELECT DISTINCT m[1] AS code
    FROM pg_proc p, regexp_matches(p.prosrc, 'WHEN ''([a-z]+)''', 'g') AS m
    WHERE p.oid = 'text_search_config(text)'::regprocedure
  ) codes;
  EXECUTE format($create$
    CREATE OR REPLACE FUNCTION text_search_config(language text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
      SELECT CASE split_part(language, '-', 1) %s ELSE 'simple'::regconfig END
    $body$$create$, coalesce(cases, ''));
END
$migration$;
