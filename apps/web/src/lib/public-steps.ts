import type { TVerdictState } from "@factdesk/schema";

/** What readers will see after a verdict step that reaches them, asked before it is taken. */
export const publicStepNotices: Partial<Record<TVerdictState, string>> = {
  published:
    "Publishing puts this verdict on the public site now: readers see its page, it joins the list of verdicts and the feeds, and tools that read ClaimReview pick it up. Later changes appear as corrections.",
  retracted:
    "Retracting keeps the page online, marked as retracted with the reason you give here, which readers will see; the feeds announce the retraction and the rating is no longer shown as the verdict.",
};
