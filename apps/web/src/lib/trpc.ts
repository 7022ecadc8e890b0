import type { AppRouter } from "@factdesk/api/router";
import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // Client errors (4xx) will not fix themselves by retrying.
      retry: (count, error) =>
        !(error instanceof TRPCClientError && (error.data?.httpStatus ?? 500) < 500) && count < 2,
    },
  },
});

const client = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: "/trpc",
      fetch: (url, init) => fetch(url, { ...init, credentials: "same-origin" }),
    }),
  ],
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });

/** The message to show a person for any failure. */
export const errorMessage = (error: unknown) =>
  error instanceof Error ? error.message : "Something went wrong. Try again.";

export const errorCode = (error: unknown) =>
  error instanceof TRPCClientError ? (error.data?.code as string | undefined) : undefined;
