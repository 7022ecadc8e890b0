import { createCallerFactory, router } from "./init";
import { accountRouter } from "./routers/account";
import { apiKeyRouter } from "./routers/api-key";
import { articleRouter } from "./routers/article";
import { assessmentPackRouter } from "./routers/assessment-pack";
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { claimRouter } from "./routers/claim";
import { dashboardRouter } from "./routers/dashboard";
import { editorialRouter } from "./routers/editorial";
import { factCheckRouter } from "./routers/fact-check";
import { feedRouter } from "./routers/feed";
import { mediaRouter } from "./routers/media";
import { notificationRouter } from "./routers/notification";
import { publishedRouter } from "./routers/published";
import { ratingScaleRouter } from "./routers/rating-scale";
import { savedViewRouter } from "./routers/saved-view";
import { settingsRouter } from "./routers/settings";
import { sourceRouter } from "./routers/source";
import { systemRouter } from "./routers/system";
import { tipRouter } from "./routers/tip";
import { userRouter } from "./routers/user";
import { verdictRouter } from "./routers/verdict";
import { webhookRouter } from "./routers/webhook";

export const appRouter = router({
  account: accountRouter,
  apiKey: apiKeyRouter,
  article: articleRouter,
  assessmentPack: assessmentPackRouter,
  audit: auditRouter,
  auth: authRouter,
  claim: claimRouter,
  dashboard: dashboardRouter,
  editorial: editorialRouter,
  factCheck: factCheckRouter,
  feed: feedRouter,
  media: mediaRouter,
  notification: notificationRouter,
  published: publishedRouter,
  ratingScale: ratingScaleRouter,
  savedView: savedViewRouter,
  settings: settingsRouter,
  source: sourceRouter,
  system: systemRouter,
  tip: tipRouter,
  user: userRouter,
  verdict: verdictRouter,
  webhook: webhookRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
