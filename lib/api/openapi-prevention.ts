// The OpenAPI paths of prevention actions (issue 9). Their schemas are components made from the
// zod schemas the handlers use (lib/schemas/prevention.ts), listed in lib/api/openapi.ts.
import { PREVENTION_STATUSES } from "@/lib/schemas/prevention";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (description: string, id: string) => ({
  description,
  content: { "application/json": { schema: ref(id) } },
});
const error = (description: string) => json(description, "Error");
const body = (id: string) => ({ required: true, content: { "application/json": { schema: ref(id) } } });

export function preventionPaths() {
  return {
    "/api/prevention-actions": {
      get: {
        summary: "Prevention actions you can see: open ones soonest due first, then done ones",
        description:
          "Admin and finance see every one of the merchant; a supervisor those of their stores and any they made or " +
          "own; anyone else the ones they own. `openCount` counts the open ones.",
        tags: ["prevention"],
        parameters: [
          {
            name: "status",
            in: "query",
            required: false,
            schema: { type: "string", enum: [...PREVENTION_STATUSES] },
          },
        ],
        responses: {
          "200": json("The actions", "PreventionActionList"),
          "400": error("Unknown status"),
          "401": error("Not signed in"),
        },
      },
      post: {
        summary: "Make a prevention action from one or more closed incidents",
        description:
          "Supervisor or admin. Each incident must be one you can see and closed (422 otherwise); the owner an active " +
          "member of the merchant. A prevention.created event goes on each incident's timeline.",
        tags: ["prevention"],
        requestBody: body("CreatePreventionAction"),
        responses: {
          "201": json("The action", "PreventionAction"),
          "400": error("Bad input, naming the field"),
          "401": error("Not signed in"),
          "403": error("Your role cannot make prevention actions"),
          "404": error("An incident you cannot see"),
          "422": error("An incident is not closed"),
        },
      },
    },
    "/api/prevention-actions/{id}/complete": {
      post: {
        summary: "Mark a prevention action done, saying what was done",
        description: "Its owner, or a supervisor or admin who sees it. Done once: a second time answers 422.",
        tags: ["prevention"],
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        requestBody: body("CompletePreventionAction"),
        responses: {
          "200": json("The action, done", "PreventionAction"),
          "400": error("Bad input, naming the field"),
          "401": error("Not signed in"),
          "403": error("Neither its owner nor a role that completes prevention actions"),
          "404": error("No such action you can see"),
          "422": error("Already done"),
        },
      },
    },
  };
}
