-- The default rating scale (IFCN-style five-point scale, plus two ratings outside it).
INSERT INTO ratings (key, label, ordinal, colour, position) VALUES
  ('true', 'True', 5, '#1b7a3a', 1),
  ('mostly_true', 'Mostly true', 4, '#5a8f29', 2),
  ('half_true', 'Half true', 3, '#a07800', 3),
  ('mostly_false', 'Mostly false', 2, '#c25400', 4),
  ('false', 'False', 1, '#b3261e', 5),
  ('misleading', 'Misleading', NULL, '#7a3e9d', 6),
  ('unproven', 'Unproven', NULL, '#5b6675', 7)
ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
-- Audit hash chain. One function defines an event's hash, for writing and for verifying.
-- The JSON array is an unambiguous encoding; the time is written in UTC whatever the session.
CREATE FUNCTION event_hash(e events) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    e.prev_hash, e.id, e.actor_id, e.entity_type, e.entity_id, e.action, e."from", e."to", e.data,
    to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
  )::text, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE FUNCTION chain_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- One transaction at a time appends; taking the id under the lock keeps id order = chain order.
  PERFORM pg_advisory_xact_lock(727001);
  NEW.id := nextval(pg_get_serial_sequence('events', 'id'));
  SELECT hash INTO NEW.prev_hash FROM events ORDER BY id DESC LIMIT 1;
  NEW.hash := event_hash(NEW);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- Chain any events written before this migration, then guard every new one.
ALTER TABLE events DISABLE TRIGGER events_no_update_delete;
--> statement-breakpoint
DO $$
DECLARE
  e events;
  previous text := NULL;
BEGIN
  FOR e IN SELECT * FROM events ORDER BY id LOOP
    e.prev_hash := previous;
    e.hash := event_hash(e);
    UPDATE events SET prev_hash = e.prev_hash, hash = e.hash WHERE id = e.id;
    previous := e.hash;
  END LOOP;
END;
$$;
--> statement-breakpoint
ALTER TABLE events ENABLE TRIGGER events_no_update_delete;
--> statement-breakpoint
CREATE TRIGGER events_chain BEFORE INSERT ON events
  FOR EACH ROW EXECUTE FUNCTION chain_event();
--> statement-breakpoint
-- The first event whose hash or link to its predecessor does not hold, if any.
CREATE FUNCTION audit_chain_first_break() RETURNS TABLE (id bigint, problem text)
LANGUAGE sql STABLE AS $$
  SELECT c.id,
    CASE WHEN c.prev_hash IS DISTINCT FROM c.previous
      THEN 'its link to the previous event is broken (an event was removed or reordered)'
      ELSE 'its content does not match its hash (the event was altered)' END
  FROM (
    SELECT e.id, e.prev_hash, e.hash, event_hash(e) AS expected,
      lag(e.hash) OVER (ORDER BY e.id) AS previous
    FROM events e
  ) c
  WHERE c.prev_hash IS DISTINCT FROM c.previous OR c.hash IS DISTINCT FROM c.expected
  ORDER BY c.id
  LIMIT 1
$$;
