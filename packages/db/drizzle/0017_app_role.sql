-- Refreshing a materialized view needs its owner; the app role refreshes the archive's term
-- statistics after an import through this function, which runs as the owner.
CREATE FUNCTION refresh_archive_statistics() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  REFRESH MATERIALIZED VIEW CONCURRENTLY fact_check_terms;
  REFRESH MATERIALIZED VIEW fact_check_corpus;
END;
$$;
