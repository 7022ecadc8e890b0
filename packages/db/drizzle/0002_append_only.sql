-- The audit log and verdict revisions are history: the database itself refuses to rewrite
-- them, whoever connects. One function serves every protected table.
CREATE FUNCTION refuse_history_rewrite() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
--> statement-breakpoint
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
--> statement-breakpoint
CREATE TRIGGER verdict_revisions_no_update_delete BEFORE UPDATE OR DELETE ON verdict_revisions
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
--> statement-breakpoint
CREATE TRIGGER verdict_revisions_no_truncate BEFORE TRUNCATE ON verdict_revisions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
