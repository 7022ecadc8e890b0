import { auditKey } from "@factdesk/db";
import { useAuditKey } from "../src/domain/audit";

/** Every integration test signs audit events like the app does, with this key. */
export const TEST_AUDIT_KEY = "test-audit-key-of-at-least-thirty-two-characters";
useAuditKey(auditKey(TEST_AUDIT_KEY));
