-- A GIN index's pending list (fast update) is scanned by every search until a vacuum merges it;
-- with claims arriving all day, matching and search would slow down between vacuums. Claims
-- arrive a few hundred at a time, so they go straight into the index.
ALTER INDEX claims_search_idx SET (fastupdate = off);
--> statement-breakpoint
SELECT gin_clean_pending_list('claims_search_idx'::regclass);
--> statement-breakpoint
-- Fact-checks arrive in bulk imports, where the pending list speeds the import; it is merged
-- right after, with the statistics, so the first searches do not scan it.
CREATE OR REPLACE FUNCTION refresh_archive_statistics() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM gin_clean_pending_list('fact_checks_search_idx'::regclass);
  REFRESH MATERIALIZED VIEW CONCURRENTLY fact_check_terms;
  REFRESH MATERIALIZED VIEW fact_check_corpus;
END;
$$;
