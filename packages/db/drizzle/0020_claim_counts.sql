CREATE TABLE "claim_count_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"status" "claim_status" NOT NULL,
	"archived" boolean NOT NULL,
	"n" bigint NOT NULL
);
--> statement-breakpoint
-- Each statement on claims appends what it changed per (status, archived): the transition
-- tables hold exactly its rows, so the counts are exact however many run at once.
CREATE FUNCTION count_claim_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO claim_count_deltas (status, archived, n)
      SELECT status, archived_at IS NOT NULL, count(*) FROM new_rows GROUP BY 1, 2;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO claim_count_deltas (status, archived, n)
      SELECT status, archived_at IS NOT NULL, -count(*) FROM old_rows GROUP BY 1, 2;
  ELSE
    INSERT INTO claim_count_deltas (status, archived, n)
      SELECT status, archived, sum(n) FROM (
        SELECT status, archived_at IS NOT NULL AS archived, 1 AS n FROM new_rows
        UNION ALL
        SELECT status, archived_at IS NOT NULL, -1 FROM old_rows
      ) changed GROUP BY 1, 2 HAVING sum(n) <> 0;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER claims_counted_insert AFTER INSERT ON claims
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_claim_changes();
--> statement-breakpoint
CREATE TRIGGER claims_counted_update AFTER UPDATE ON claims
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_claim_changes();
--> statement-breakpoint
CREATE TRIGGER claims_counted_delete AFTER DELETE ON claims
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_claim_changes();
--> statement-breakpoint
CREATE FUNCTION forget_claim_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM claim_count_deltas;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER claims_counted_truncate AFTER TRUNCATE ON claims
  FOR EACH STATEMENT EXECUTE FUNCTION forget_claim_counts();
--> statement-breakpoint
INSERT INTO claim_count_deltas (status, archived, n)
  SELECT status, archived_at IS NOT NULL, count(*) FROM claims GROUP BY 1, 2;
--> statement-breakpoint
-- Folds the deltas into one row per (status, archived). Rows appended meanwhile are not
-- visible to the DELETE and stay, so nothing is counted twice or lost.
CREATE FUNCTION compact_claim_counts() RETURNS void LANGUAGE sql AS $$
  WITH folded AS (DELETE FROM claim_count_deltas RETURNING status, archived, n)
  INSERT INTO claim_count_deltas (status, archived, n)
    SELECT status, archived, sum(n) FROM folded GROUP BY 1, 2 HAVING sum(n) <> 0;
$$;
