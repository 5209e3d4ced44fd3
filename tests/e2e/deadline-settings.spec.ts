// Issue 9: the admin's deadline settings page (/admin/deadlines) — a kind's rule changed and a
// holiday added on the page, both saved; once in Chinese with a store's cut-off and a make-up
// working day (调休); a cashier is refused the page and the API. The settings are the merchant's
// own, shared with the specs running beside this one: it changes a rule of the rarely logged
// PIN-error kind only, puts its dates in 2098, sets the cut-off of a store of its own, and puts
// everything back in `finally`.
import { randomInt } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { expect, PHONE, seriousAccessibilityViolations, test, uniqueToken } from "./fixtures";

/** A date in 2098 no other run is likely to pick. */
function farDate(): string {
  return `2098-${String(randomInt(1, 13)).padStart(2, "0")}-${String(randomInt(1, 29)).padStart(2, "0")}`;
}

async function restore(admin: APIRequestContext, settings: unknown, dates: string[]) {
  const put = await admin.put("/api/admin/deadlines", { data: settings });
  expect(put.status(), await put.text()).toBe(200);
  for (const date of dates) {
    const removed = await admin.delete(`/api/admin/calendar/${date}`);
    expect([204, 404]).toContain(removed.status());
  }
}

test("the admin changes a kind's rule and adds a holiday on the page, on a phone; both are saved", async ({
  apiAs,
  pageAs,
}) => {
  const admin = await apiAs("admin");
  const original = await (await admin.get("/api/admin/deadlines")).json();
  const date = farDate();
  const holiday = `Holiday ${uniqueToken().slice(0, 8)}`;
  try {
    const page = await pageAs("admin", PHONE);
    await page.goto("/admin");
    await page.getByRole("link", { name: "Deadlines and business calendar" }).click();
    await expect(page).toHaveURL(/\/admin\/deadlines$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Deadlines and business calendar");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // PIN error's re-verify step: from "before the batch cut-off" to 6 hours.
    const form = page.getByRole("form", { name: "Deadline settings" });
    const rule = form.getByLabel("PIN error / declined · Re-verify: deadline");
    await expect(rule).toHaveValue("cutoff");
    await rule.selectOption({ label: "Hours" });
    await form.getByLabel("PIN error / declined · Re-verify: how many").fill("6");
    await form.getByRole("button", { name: "Save deadline settings" }).click();
    await expect(form.getByText("Saved. New incidents get these deadlines.")).toBeVisible();

    await page.reload();
    await expect(form.getByLabel("PIN error / declined · Re-verify: deadline")).toHaveValue("hours");
    await expect(form.getByLabel("PIN error / declined · Re-verify: how many")).toHaveValue("6");
    const saved = await (await admin.get("/api/admin/deadlines")).json();
    expect(saved.kinds.pin_error.reverify).toEqual({ after: "hours", count: 6 });
    // Nothing else moved.
    expect({ ...saved, kinds: { ...saved.kinds, pin_error: original.kinds.pin_error } }).toEqual(original);

    // A count the server refuses is named beside its field, and nothing is saved.
    await form.getByLabel("PIN error / declined · Re-verify: how many").fill("0");
    await form.getByRole("button", { name: "Save deadline settings" }).click();
    await expect(form.getByText("Check the highlighted fields.")).toBeVisible();
    await expect(form.getByLabel("PIN error / declined · Re-verify: how many")).toHaveAttribute("aria-invalid", "true");
    expect((await (await admin.get("/api/admin/deadlines")).json()).kinds.pin_error.reverify).toEqual({
      after: "hours",
      count: 6,
    });

    // A holiday.
    const calendar = page.getByRole("form", { name: "Add a date to the calendar" });
    await calendar.getByLabel("Date").fill(date);
    await calendar.getByLabel("Kind of day").selectOption({ label: "Holiday (day off)" });
    await calendar.getByLabel("Name").fill(holiday);
    await calendar.getByRole("button", { name: "Add date" }).click();
    await expect(calendar.getByText("Added to the calendar.")).toBeVisible();
    const row = page.getByTestId("calendar-day").filter({ hasText: holiday });
    await expect(row).toContainText(date);
    await expect(row).toContainText("Holiday (day off)");
    await page.reload();
    await expect(row).toHaveCount(1);
    const listed = await (await admin.get("/api/admin/calendar?year=2098")).json();
    expect(listed.items).toContainEqual({ date, type: "holiday", name: holiday });

    // The same date again is refused, naming it.
    await calendar.getByLabel("Date").fill(date);
    await calendar.getByLabel("Name").fill("Twice");
    await calendar.getByRole("button", { name: "Add date" }).click();
    await expect(calendar.getByText(`${date} is already in the calendar`).first()).toBeVisible();

    // Nothing on the page is wider than the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // Removed from the page.
    await row.getByRole("button", { name: `Remove ${date}` }).click();
    await expect(row).toHaveCount(0);
    const after = await (await admin.get("/api/admin/calendar?year=2098")).json();
    expect(after.items.map((day: { date: string }) => day.date)).not.toContain(date);
  } finally {
    await restore(admin, original, [date]);
  }
});

test("in Chinese: a store's cut-off and a make-up working day (调休)", async ({ apiAs, pageAs }) => {
  const admin = await apiAs("admin");
  const original = await (await admin.get("/api/admin/deadlines")).json();
  const storeName = `时限门店 ${uniqueToken().slice(0, 6)}`;
  const created = await admin.post("/api/admin/stores", { data: { name: storeName } });
  expect(created.status(), await created.text()).toBe(201);
  const date = farDate();
  try {
    const page = await pageAs("admin", { locale: "zh-CN" });
    await page.goto("/admin/deadlines");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("处理时限与工作日历");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await expect(page.getByRole("form", { name: "处理时限" }).getByText("金额输错")).toBeVisible();

    const cutoff = page.getByRole("form", { name: `${storeName} 的结算截止时间` });
    await expect(cutoff.getByLabel(`${storeName}：截止时间`)).toHaveValue("23:00");
    await cutoff.getByLabel(`${storeName}：截止时间`).fill("21:30");
    await cutoff.getByRole("button", { name: `保存 ${storeName}` }).click();
    await expect(cutoff.getByText("截止时间已保存。")).toBeVisible();
    await page.reload();
    await expect(cutoff.getByLabel(`${storeName}：截止时间`)).toHaveValue("21:30");

    const calendar = page.getByRole("form", { name: "添加日期" });
    await calendar.getByLabel("日期").fill(date);
    await calendar.getByLabel("类型").selectOption({ label: "调休上班" });
    await calendar.getByLabel("名称").fill("春节调休");
    await calendar.getByRole("button", { name: "添加" }).click();
    await expect(calendar.getByText("已加入日历。")).toBeVisible();
    const row = page.getByTestId("calendar-day").filter({ hasText: date });
    await expect(row).toContainText("调休上班");
    await expect(row).toContainText("春节调休");
  } finally {
    await restore(admin, original, [date]);
  }
});

test("without JavaScript the admin adds and removes a holiday, and a refusal names the field", async ({
  apiAs,
  pageAs,
}) => {
  const admin = await apiAs("admin");
  const original = await (await admin.get("/api/admin/deadlines")).json();
  const date = farDate();
  const name = `No-script ${uniqueToken().slice(0, 8)}`;
  try {
    const page = await pageAs("admin", { javaScriptEnabled: false });
    await page.goto("/admin/deadlines");
    const calendar = page.getByRole("form", { name: "Add a date to the calendar" });
    await calendar.getByLabel("Date").fill(date);
    await calendar.getByLabel("Name").fill(name);
    await calendar.getByRole("button", { name: "Add date" }).click();
    await expect(page.getByText("Added to the calendar.")).toBeVisible();
    const row = page.getByTestId("calendar-day").filter({ hasText: name });
    await expect(row).toContainText(date);

    // Hours the schema refuses come back from the server beside the field.
    const form = page.getByRole("form", { name: "Deadline settings" });
    await form.getByLabel("Escalate every (hours)").fill("0");
    await form.getByRole("button", { name: "Save deadline settings" }).click();
    await expect(
      page.getByRole("form", { name: "Deadline settings" }).getByLabel("Escalate every (hours)"),
    ).toHaveAttribute("aria-invalid", "true");
    expect((await (await admin.get("/api/admin/deadlines")).json()).escalateEveryHours).toBe(
      original.escalateEveryHours,
    );

    await page
      .getByTestId("calendar-day")
      .filter({ hasText: name })
      .getByRole("button", { name: `Remove ${date}` })
      .click();
    await expect(page.getByTestId("calendar-day").filter({ hasText: name })).toHaveCount(0);
  } finally {
    await restore(admin, original, [date]);
  }
});

test("a cashier is refused the page and the API", async ({ apiAs, pageAs }) => {
  const page = await pageAs("cashier");
  await page.goto("/admin/deadlines");
  await expect(page.getByTestId("deadlines-forbidden")).toContainText(
    "Only an admin can change deadlines, holidays and cut-off times.",
  );
  await expect(page.getByRole("form", { name: "Deadline settings" })).toHaveCount(0);

  const cashier = await apiAs("cashier");
  expect((await cashier.get("/api/admin/deadlines")).status()).toBe(403);
  const put = await cashier.put("/api/admin/deadlines", { data: {} });
  expect(put.status()).toBe(403);
  const post = await cashier.post("/api/admin/calendar", {
    data: { date: "2098-01-02", type: "holiday", name: "Not mine" },
  });
  expect(post.status()).toBe(403);
});
