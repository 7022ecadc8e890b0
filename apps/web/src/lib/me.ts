import { hasRole, type TRole } from "@factdesk/schema";
import { useQuery } from "@tanstack/react-query";
import { trpc } from "./trpc";

/** The signed-in user (the layout guarantees one inside the app). */
export function useMe() {
  const { data } = useQuery(trpc.auth.me.queryOptions());
  if (!data) throw new Error("useMe outside a signed-in page");
  return { ...data, can: (role: TRole) => hasRole(data, role) };
}
