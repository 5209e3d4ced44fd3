// The deadlines' words, with no dependencies: what a deadline can be about and its statuses. The
// incident DTO schema, the audit catalogue and the client import these without pulling in the
// calendar arithmetic or the settings' schemas.
import { STEP_KEYS } from "@/lib/incidents/rules";

/** What a deadline can be about: a step of the checklist, the whole case, or a prevention action. */
export const DEADLINE_SUBJECTS = [...STEP_KEYS, "close", "action"] as const;
export type DeadlineSubject = (typeof DEADLINE_SUBJECTS)[number];
export const DEADLINE_STATUSES = ["pending", "met", "missed"] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];
