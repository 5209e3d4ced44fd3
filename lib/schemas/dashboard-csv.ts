// GET /api/dashboard.csv's own parameter (issue 10): which of the dashboard's tables to download.
// The period and stores are the dashboard's query (lib/schemas/dashboard.ts), read beside it.
import { z } from "zod";
import "@/lib/schemas/zod-config";
import { DASHBOARD_TABLES } from "@/lib/dashboard/dashboard-tables";

export const dashboardCsvTableSchema = z.strictObject({
  table: z
    .enum(DASHBOARD_TABLES, { error: `table must be one of: ${DASHBOARD_TABLES.join(", ")}.` })
    .describe("Which table: the numbers behind one of the dashboard's charts"),
});
