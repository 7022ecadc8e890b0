/**
 * Checks every request's decoded input before any procedure sees it. PostgreSQL cannot store
 * a NUL character in text, and deeply nested input only costs work, so both are refused as
 * malformed input whatever the procedure, instead of surfacing as a database error.
 */

export const INPUT_DEPTH_MAX = 20;
/** At most this many calls in one tRPC batch; the web client batches no more than this. */
export const BATCH_CALLS_MAX = 20;

export const NUL_MESSAGE = "Text may not contain NUL characters (\\u0000).";

/** Why `value` must be refused, or null. Walks without recursion, so no input can overflow the stack. */
export function inputProblem(value: unknown): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current === "string") {
      if (current.includes("\0")) return NUL_MESSAGE;
    } else if (current !== null && typeof current === "object") {
      if (depth >= INPUT_DEPTH_MAX) return `Input is nested more than ${INPUT_DEPTH_MAX} levels deep.`;
      for (const [key, child] of Object.entries(current)) {
        if (key.includes("\0")) return NUL_MESSAGE;
        stack.push([child, depth + 1]);
      }
    }
  }
  return null;
}
