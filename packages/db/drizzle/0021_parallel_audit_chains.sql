ALTER TABLE "events" ADD COLUMN "chain" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "events_chain_idx" ON "events" USING btree ("chain","id");--> statement-breakpoint
-- Sixteen chains instead of one: a writer takes the lock of any free chain (keeping it for the
-- rest of its transaction), so audited writes no longer queue behind one lock held through
-- every commit. Each chain links and verifies on its own; checkpoints sign every chain's head.
CREATE FUNCTION audit_chain_claim(n int)
RETURNS TABLE (chain smallint, head text, ids bigint[], at text)
LANGUAGE plpgsql AS $$
DECLARE
  held text := current_setting('factdesk.audit_chain', true);
  k int;
  start int;
BEGIN
  IF coalesce(held, '') <> '' THEN
    k := held::int;
  ELSE
    start := floor(random() * 16)::int;
    FOR i IN 0..15 LOOP
      IF pg_try_advisory_xact_lock(727100 + (start + i) % 16) THEN
        k := (start + i) % 16;
        EXIT;
      END IF;
    END LOOP;
    IF k IS NULL THEN
      k := start;
      PERFORM pg_advisory_xact_lock(727100 + k);
    END IF;
    PERFORM set_config('factdesk.audit_chain', k::text, true);
  END IF;
  RETURN QUERY SELECT k::smallint,
    (SELECT e.hash FROM events e WHERE e.chain = k ORDER BY e.id DESC LIMIT 1),
    ARRAY(SELECT nextval(pg_get_serial_sequence('events', 'id')) FROM generate_series(1, n)),
    to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION chain_event() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head events;
BEGIN
  IF NEW.chain NOT BETWEEN 0 AND 15 THEN
    RAISE EXCEPTION 'no audit chain %', NEW.chain USING ERRCODE = 'check_violation';
  END IF;
  -- Writers take their chain's lock first; taking it here too keeps any other writer out.
  PERFORM pg_advisory_xact_lock(727100 + NEW.chain);
  IF NEW.hash IS NULL OR NEW.hash NOT LIKE 'hmac-sha256:%' THEN
    RAISE EXCEPTION 'audit events are written by Factdesk with their keyed hash'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO head FROM events WHERE chain = NEW.chain ORDER BY id DESC LIMIT 1;
  IF NEW.prev_hash IS DISTINCT FROM head.hash OR NEW.id <= coalesce(head.id, 0) THEN
    RAISE EXCEPTION 'an audit event must link to the head of its chain' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
