// GET /api/dashboard.csv?from=&to=&storeId=&table=: the numbers behind one of the risk
// dashboard's charts as a spreadsheet file, in the caller's language (issue 10). Supervisors their
// stores, finance and admin all (the use case checks); drills never count.
import { apiHandler } from "@/lib/api/respond";
import { parseInput } from "@/lib/api/validation";
import { requireActor } from "@/lib/auth/actor";
import { dashboardQueryInput } from "@/lib/dashboard/dashboard-links";
import { exportDashboardCsv } from "@/lib/dashboard/export-dashboard-csv";
import { localeFromHeaders } from "@/lib/i18n/locales";
import { dashboardQuerySchema } from "@/lib/schemas/dashboard";
import { dashboardCsvTableSchema } from "@/lib/schemas/dashboard-csv";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  const params = new URL(request.url).searchParams;
  const tables = params.getAll("table");
  const { table } = parseInput(
    dashboardCsvTableSchema,
    tables.length > 0 ? { table: tables.length === 1 ? tables[0] : tables } : {},
  );
  // The rest is the dashboard's query; an unknown parameter is refused by name.
  const query = parseInput(dashboardQuerySchema, dashboardQueryInput(params, { keepUnknown: true, skip: ["table"] }));
  const { csv, filename } = await exportDashboardCsv({
    actor,
    query,
    table,
    locale: localeFromHeaders(request.headers),
  });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
    },
  });
});
