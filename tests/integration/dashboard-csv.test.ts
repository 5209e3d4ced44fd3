// GET /api/dashboard.csv through the real route handler (issue 10): who may download which
// stores, the file (BOM, CRLF, a header worded in the caller's language, formula-safe cells), the
// same numbers as GET /api/dashboard, bad parameters refused by name, and drills never counted.
import { beforeAll, describe, expect, test } from "vitest";
import { GET as dashboardRoute } from "@/app/api/dashboard/route";
import { GET as csvRoute } from "@/app/api/dashboard.csv/route";
import { POST as startDrillRoute } from "@/app/api/drills/route";
import { prisma } from "@/lib/db/client";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";
import type { Dashboard } from "@/lib/schemas/dashboard";
import { type DemoUser, jsonRequest, sessionCookie } from "@/tests/helpers/api";
import { csvRows } from "@/tests/helpers/csv";
import { logIncident } from "@/tests/helpers/incidents";

async function csvAs(user: DemoUser | null, query: string, headers: Record<string, string> = {}) {
  const cookie = user ? await sessionCookie(user) : undefined;
  const response = await csvRoute(jsonRequest(`/api/dashboard.csv?${query}`, { cookie, headers }), {});
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
}

async function dashboardAs(user: DemoUser, query = ""): Promise<Dashboard> {
  const response = await dashboardRoute(
    jsonRequest(`/api/dashboard?${query}`, { cookie: await sessionCookie(user) }),
    {},
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Dashboard;
}

const FORMULA_NAME = '=HYPERLINK("http://evil.example","x")';
let today: string;

beforeAll(async () => {
  // The cashier's name is anyone's text: a spreadsheet would run it. Two unsigned slips each at
  // Store 1 (the cashier) and at Store 2 (cashier2), logged now.
  await prisma.user.update({ where: { email: "cashier@demo.test" }, data: { name: FORMULA_NAME } });
  for (let index = 0; index < 2; index++) {
    await logIncident({ kind: "unsigned_slip", terminalId: "T1000001", amount: "10.00" }, "cashier");
    await logIncident({ kind: "unsigned_slip", terminalId: "T2000001", amount: "20.00" }, "cashier2");
  }
  today = (await dashboardAs("admin")).period.to;
});

describe("GET /api/dashboard.csv", () => {
  test("refuses the anonymous (401) and a cashier (403)", async () => {
    expect((await csvAs(null, "table=money")).response.status).toBe(401);
    const cashier = await csvAs("cashier", "table=money");
    expect(cashier.response.status).toBe(403);
  });

  test("refuses a missing or unknown table, a bad date and an unknown parameter, naming each", async () => {
    for (const [query, field] of [
      ["", "table"],
      ["table=everything", "table"],
      ["table=money&table=open-by-age", "table"],
      ["table=money&from=2026-02-30", "from"],
      ["table=money&from=2026-11-30&to=2026-11-01", "to"],
      ["table=money&bogus=1", "bogus"],
    ] as const) {
      const { response, text } = await csvAs("admin", query);
      expect(response.status, query).toBe(400);
      expect(Object.keys(JSON.parse(text).error.fields), query).toContain(field);
    }
  });

  test("a supervisor gets their own stores' figures; another store is not found", async () => {
    const own = csvRows((await csvAs("supervisor", `table=incidents-by-kind&from=${today}&to=${today}`)).text);
    const all = csvRows((await csvAs("finance", `table=incidents-by-kind&from=${today}&to=${today}`)).text);
    const unsigned = 1 + INCIDENT_KINDS.indexOf("unsigned_slip");
    expect(own.at(-1)?.[unsigned]).toBe("2");
    expect(all.at(-1)?.[unsigned]).toBe("4");
    const store2 = await prisma.store.findFirstOrThrow({ where: { name: "Store 2" } });
    const refused = await csvAs("supervisor", `table=money&storeId=${store2.id}`);
    expect(refused.response.status).toBe(404);
    expect(Object.keys(JSON.parse(refused.text).error.fields)).toEqual(["storeId"]);
  });

  test("the file: BOM, CRLF, an attachment named by table and period, the same numbers as the dashboard", async () => {
    const { response, bytes, text } = await csvAs("admin", `table=incidents-by-kind&from=${today}&to=${today}`, {
      "accept-language": "en-GB,en;q=0.9",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="dashboard-incidents-by-kind-${today}-${today}.csv"`,
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toContain("\r\n");
    const rows = csvRows(text);
    expect(rows[0][0]).toBe("Period");
    expect(rows[0]).toContain("Unsigned slip");
    expect(rows[0].at(-1)).toBe("Total");
    expect(rows[1][0]).toBe(today);
    expect(rows.at(-1)?.[0]).toBe("Total");
    const dashboard = await dashboardAs("admin", `from=${today}&to=${today}`);
    const byKind = dashboard.incidents.series[0].byKind;
    expect(rows[1].slice(1, -1).map(Number)).toEqual(INCIDENT_KINDS.map((kind) => byKind[kind]));
    expect(Number(rows[1].at(-1))).toBe(dashboard.incidents.total);
  });

  test("in Chinese for a Chinese reader (Accept-Language, or the language cookie)", async () => {
    const byHeader = csvRows((await csvAs("admin", `table=open-by-age`, { "accept-language": "zh-CN,zh;q=0.9" })).text);
    expect(byHeader[0]).toEqual(["未结时长", "未结事件数"]);
    expect(byHeader.map((row) => row[0])).toEqual([
      "未结时长",
      "不到 1 天",
      "1–3 天",
      "3–7 天",
      "超过 7 天",
      "合计",
      "已超期",
    ]);
    const cookie = `${await sessionCookie("admin")}; slipcase_locale=zh-CN`;
    const response = await csvRoute(jsonRequest("/api/dashboard.csv?table=money", { cookie }), {});
    const money = csvRows(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer()));
    expect(money[0]).toEqual(["币种", "风险金额", "损失", "已追回"]);
    const cny = money.find((row) => row[0] === "CNY");
    expect(cny, "open cases at risk in CNY").toBeDefined();
    expect(cny?.[1]).toMatch(/^\d+\.\d{2}$/);
  });

  test("a name a spreadsheet would run is written as text", async () => {
    const { text } = await csvAs("admin", "table=training-gaps");
    const rows = csvRows(text);
    const gap = rows.find((row) => row[0].includes("HYPERLINK"));
    expect(gap, text).toBeDefined();
    expect(gap?.[0]).toBe(`'${FORMULA_NAME}`);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  test("a drill never counts", async () => {
    const before = csvRows((await csvAs("admin", `table=incidents-by-kind&from=${today}&to=${today}`)).text);
    const cashier = await prisma.user.findFirstOrThrow({ where: { email: "cashier@demo.test" } });
    const started = await startDrillRoute(
      jsonRequest("/api/drills", {
        method: "POST",
        cookie: await sessionCookie("supervisor"),
        body: { kind: "unsigned_slip", cashierId: cashier.id },
      }),
      {},
    );
    expect(started.status, await started.clone().text()).toBe(201);
    expect(((await started.json()) as { drill: boolean }).drill).toBe(true);
    const after = csvRows((await csvAs("admin", `table=incidents-by-kind&from=${today}&to=${today}`)).text);
    expect(after).toEqual(before);
  });
});
