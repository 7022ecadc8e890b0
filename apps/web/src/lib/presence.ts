import { PRESENCE_BEAT_SECONDS } from "@factdesk/schema";
import { type FocusEvent, useEffect, useRef, useState } from "react";
import { trpcClient } from "./trpc";

const report = (claimId: string, here: boolean, editing = false) =>
  trpcClient.claim.presence.mutate({ claimId, here, editing }).catch(() => {
    // Presence is a courtesy to colleagues; a missed beat is made up by the next one.
  });

/**
 * Tells colleagues this claim is open here, and whether someone is typing in it: a beat
 * every few seconds while the page is open, and a goodbye when it closes.
 */
export function usePresence(claimId: string, editing: boolean) {
  const editingNow = useRef(editing);
  editingNow.current = editing;
  // Once the page is going, the blur of its last field must not report it open again.
  const gone = useRef(false);
  const beat = (here: boolean, typing = false) => {
    if (!gone.current || !here) void report(claimId, here, typing);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: once per claim (and per typing change); the beat reads refs, so it never goes stale
  useEffect(() => {
    gone.current = false;
    beat(true, editingNow.current);
    const timer = setInterval(() => beat(true, editingNow.current), PRESENCE_BEAT_SECONDS * 1000);
    // A closing tab cannot wait for a reply; a keepalive request is delivered after it is gone.
    const leave = () => {
      gone.current = true;
      void fetch("/trpc/claim.presence", {
        method: "POST",
        keepalive: true,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ claimId, here: false }),
      }).catch(() => {});
    };
    window.addEventListener("pagehide", leave);
    return () => {
      gone.current = true;
      clearInterval(timer);
      window.removeEventListener("pagehide", leave);
      void report(claimId, false);
    };
  }, [claimId]);

  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per claim (and per typing change); the beat reads refs, so it never goes stale
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    beat(true, editing);
  }, [editing]);
}

const textInputTypes = new Set(["text", "url", "search", "email", "number", ""]);
const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLTextAreaElement ||
  (target instanceof HTMLInputElement && textInputTypes.has(target.type)) ||
  (target instanceof HTMLElement && target.isContentEditable);

/** Whether focus is in a text field inside the element the handlers are spread on. */
export function useTyping() {
  const [typing, setTyping] = useState(false);
  return {
    typing,
    handlers: {
      onFocus: (event: FocusEvent<HTMLElement>) => setTyping(isTextField(event.target)),
      // Moving from one field to the next is still typing.
      onBlur: (event: FocusEvent<HTMLElement>) =>
        setTyping(
          isTextField(event.relatedTarget) && event.currentTarget.contains(event.relatedTarget as Node),
        ),
    },
  };
}
