import { createCallerFactory, router } from "./init";
import { authRouter } from "./routers/auth";
import { claimRouter } from "./routers/claim";

export const appRouter = router({
  auth: authRouter,
  claim: claimRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
