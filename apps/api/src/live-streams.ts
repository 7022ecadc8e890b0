import type { RequestHandler, Response } from "express";

/**
 * The open live-update streams (Server-Sent Events), so a stopping server can close them
 * politely: each is told when to reconnect (`retry:`) and then cut, and the browser's
 * EventSource reconnects after that delay, to whichever instance is still up.
 */
export function trackLiveStreams() {
  const open = new Set<Response>();
  const middleware: RequestHandler = (req, res, next) => {
    if (req.method === "GET" && req.headers.accept?.includes("text/event-stream")) {
      open.add(res);
      res.on("close", () => open.delete(res));
    }
    next();
  };
  return {
    middleware,
    get size() {
      return open.size;
    },
    closeAll(retryMs: number) {
      for (const res of open) {
        if (!res.writableEnded) res.write(`retry: ${retryMs}\n\n`);
        // Ended, not destroyed: what was written still reaches the browser.
        res.socket?.end();
      }
      open.clear();
    },
  };
}
export type TLiveStreams = ReturnType<typeof trackLiveStreams>;
