// A verdict's life: saving revisions (save.ts), the review steps with one module per verb
// (submit, approve, request-changes, publish, retract) wired by transition.ts, and reads.
export { assertNotUnderApproval } from "./approve";
export { approvalQueue, getVerdict, listRevisions } from "./read";
export { saveVerdict } from "./save";
export { transitionVerdict } from "./transition";
