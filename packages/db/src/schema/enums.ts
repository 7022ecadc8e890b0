import {
  claimantKinds,
  claimLinkKinds,
  claimLinkStates,
  claimPriorities,
  claimStatuses,
  entityTypes,
  notificationKinds,
  roles,
  sourceStances,
  verdictStates,
} from "@factdesk/schema";
import { pgEnum } from "drizzle-orm/pg-core";

// The same tuples as the zod enums in @factdesk/schema: one definition, two uses.
export const roleEnum = pgEnum("role", roles);
export const claimStatusEnum = pgEnum("claim_status", claimStatuses);
export const claimPriorityEnum = pgEnum("claim_priority", claimPriorities);
export const claimantKindEnum = pgEnum("claimant_kind", claimantKinds);
export const verdictStateEnum = pgEnum("verdict_state", verdictStates);
export const sourceStanceEnum = pgEnum("source_stance", sourceStances);
export const claimLinkKindEnum = pgEnum("claim_link_kind", claimLinkKinds);
export const claimLinkStateEnum = pgEnum("claim_link_state", claimLinkStates);
export const entityTypeEnum = pgEnum("entity_type", entityTypes);
export const notificationKindEnum = pgEnum("notification_kind", notificationKinds);
