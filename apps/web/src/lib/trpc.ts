import type { AppRouter } from "@factdesk/api/router";
import { BATCH_CALLS_MAX, type TWords } from "@factdesk/schema";
import { hashKey, MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from "@trpc/client";
import type { inferRouterOutputs } from "@trpc/server";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";

export type RouterOutputs = inferRouterOutputs<AppRouter>;

/**
 * A session that ended elsewhere (logged out, deactivated, password changed) ends this tab's
 * too: with no signed-in user the layout sends the person to the login page.
 */
function onError(error: unknown) {
  if (errorCode(error) !== "UNAUTHORIZED") return;
  const me = trpc.auth.me.queryKey();
  if (queryClient.getQueryData(me) === null) return;
  queryClient.removeQueries({ predicate: (query) => query.queryHash !== hashKey(me) });
  queryClient.setQueryData(me, null);
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // Client errors (4xx) will not fix themselves by retrying.
      retry: (count, error) =>
        !(error instanceof TRPCClientError && (error.data?.httpStatus ?? 500) < 500) && count < 2,
    },
  },
});

/** The plain client, for calls chosen at run time. */
export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      // Live updates arrive as server-sent events; everything else is batched HTTP.
      condition: (op) => op.type === "subscription",
      true: httpSubscriptionLink({ url: "/trpc" }),
      false: httpBatchLink({ url: "/trpc", maxItems: BATCH_CALLS_MAX }),
    }),
  ],
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

/** The message to show a person for any failure. */
export const errorMessage = (error: unknown) =>
  error instanceof Error ? error.message : "Something went wrong. Try again.";

/** The refusal as words of the catalog, when the server gave them. */
export const errorWords = (error: unknown) =>
  error instanceof TRPCClientError ? (error.data?.words as TWords | undefined) : undefined;

export const errorCode = (error: unknown) =>
  error instanceof TRPCClientError ? (error.data?.code as string | undefined) : undefined;

/** What the server added to a refusal (e.g. `{ twoFactor: true }`: a second factor is wanted). */
export const errorDetails = (error: unknown) =>
  error instanceof TRPCClientError ? (error.data?.details as Record<string, unknown> | undefined) : undefined;

/** The validation messages of each input field, when the input was refused. */
export const fieldErrors = (error: unknown) =>
  error instanceof TRPCClientError
    ? (error.data?.fields as Record<string, string[] | undefined> | undefined)
    : undefined;

/** The validation messages about the input as a whole (not one field). */
export const formErrors = (error: unknown) =>
  error instanceof TRPCClientError ? ((error.data?.form as string[] | undefined) ?? []) : [];

/** The validation message for one input field, to show next to it. */
export const fieldError = (error: unknown, field: string) => fieldErrors(error)?.[field]?.[0];

/** After any change to a claim or its verdict, what is on screen is fetched again. */
export const refreshClaimViews = () =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: trpc.claim.pathKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.verdict.pathKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.editorial.pathKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.media.pathKey() }),
  ]);
