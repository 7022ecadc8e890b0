import type { TVerdictState } from "@factdesk/schema";
import { useT } from "./i18n";

/** What readers will see after a verdict step that reaches them, asked before it is taken. */
export function usePublicStepNotices(): Partial<Record<TVerdictState, string>> {
  const t = useT();
  return { published: t("publicStep.published"), retracted: t("publicStep.retracted") };
}
