// The OpenAPI paths of drills (模拟演练) and training records (issue 10). Their schemas are
// components made from the zod schemas the handlers use (lib/schemas/drill.ts), listed in
// lib/api/openapi.ts.
import { z } from "zod";
import { trainingQuerySchema } from "@/lib/schemas/drill";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (description: string, id: string) => ({
  description,
  content: { "application/json": { schema: ref(id) } },
});
const error = (description: string) => json(description, "Error");

export function drillPaths() {
  const trainingQuery = z.toJSONSchema(trainingQuerySchema, { io: "input" }) as {
    properties: Record<string, unknown>;
  };
  return {
    "/api/drills": {
      post: {
        summary: "Start a drill (模拟演练) for a cashier: a practice incident with `drill: true`",
        description:
          "Supervisor (for a cashier of one of their stores, on a terminal of that store) or admin. The drill walks " +
          "the same checklist with the same rules as a real incident, is marked `drill: true` with `drillFor` " +
          "everywhere, and never counts in dashboards, alerts, exports or deadlines. The cashier is told in their " +
          "inbox; the emergency plan's people are not. One open drill per cashier and kind.",
        tags: ["drills"],
        requestBody: { required: true, content: { "application/json": { schema: ref("StartDrill") } } },
        responses: {
          "201": json("The drill", "Incident"),
          "400": error("Bad input, naming the field"),
          "401": error("Not signed in"),
          "403": error("Your role cannot start drills"),
          "404": error("No such cashier in your stores (cashierId)"),
          "409": error("The cashier already has an open drill of this kind"),
          "422": error("Not an active cashier, or the terminal is not in the cashier's store"),
        },
      },
    },
    "/api/training": {
      get: {
        summary: "Training records: per person and incident kind, drills started, completed and last practised",
        description:
          "A cashier sees their own record; a supervisor their stores' cashiers; an admin every cashier. " +
          "`lastPractisedAt` is the close of the latest closed drill of the kind.",
        tags: ["drills"],
        parameters: Object.entries(trainingQuery.properties).map(([name, schema]) => ({
          name,
          in: "query",
          required: false,
          schema,
        })),
        responses: {
          "200": json("The records", "TrainingRecord"),
          "400": error("Unknown parameter"),
          "401": error("Not signed in"),
          "403": error("Your role cannot see training records"),
          "404": error("No such person you may see (userId)"),
        },
      },
    },
  };
}
