-- The audit chain is keyed: Factdesk computes each event's hash as an HMAC under AUDIT_KEY,
-- which the database never sees, and the database only checks that a new event is keyed and
-- links to the head. Events from before keep their SHA-256 hashes (event_hash) as a prefix.
CREATE OR REPLACE FUNCTION chain_event() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head events;
BEGIN
  -- Writers take the same lock first; taking it here too keeps any other writer out.
  PERFORM pg_advisory_xact_lock(727001);
  IF NEW.hash IS NULL OR NEW.hash NOT LIKE 'hmac-sha256:%' THEN
    RAISE EXCEPTION 'audit events are written by Factdesk with their keyed hash'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO head FROM events ORDER BY id DESC LIMIT 1;
  IF NEW.prev_hash IS DISTINCT FROM head.hash OR NEW.id <= coalesce(head.id, 0) THEN
    RAISE EXCEPTION 'an audit event must link to the head of the chain' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- Verification moved to the application, which holds the key.
DROP FUNCTION audit_chain_first_break();
