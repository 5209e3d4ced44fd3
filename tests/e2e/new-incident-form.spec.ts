// The cashier's "log incident" form on a 390×844 phone, as reported from the shop floor: the
// submit button below the fold, validation errors in two rounds, the terminal forgotten between
// incidents, and nothing saying which fields must be filled.
import { UI } from "./casework";
import { expect, PHONE, test, uniqueRrn } from "./fixtures";

const en = UI.en;

/** Both terminals of store 1: with two to choose from, nothing is picked for the cashier. */
const STORE_1_TERMINALS = ["T1000001", "T1000002"] as const;

test.describe("logging an incident on a phone", () => {
  test("with the required fields filled, the submit button is on the first screen without opening the optional ones", async ({
    pageAs,
  }) => {
    const cashier = await pageAs("cashier", PHONE);
    await cashier.goto("/incidents/new");
    await cashier.getByLabel(en.form.kind).selectOption({ label: en.unsignedSlip });
    await cashier.getByLabel(en.form.terminal).selectOption(STORE_1_TERMINALS[0]);
    await cashier.evaluate(() => window.scrollTo(0, 0));

    const submit = cashier.getByRole("button", { name: en.logIncident });
    await expect(submit).toBeInViewport({ ratio: 1 });
    const box = await submit.boundingBox();
    expect(box, "the submit button is laid out").not.toBeNull();
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(844);
    // Tall enough for a thumb.
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  });

  test("an empty or wrong form shows every error in one round, beside each field and in a summary", async ({
    pageAs,
  }) => {
    const cashier = await pageAs("cashier", PHONE);
    await cashier.goto("/incidents/new");
    // Hydrated: the time field is filled in by the browser.
    await expect(cashier.getByLabel("When it happened")).not.toHaveValue("");
    await cashier.getByLabel(en.form.amount).fill("12.345");
    await cashier.getByLabel(en.form.cardLast4).fill("12");
    await cashier.getByLabel(en.rrn).fill("123");
    await cashier.getByText("More slip details").click();
    const nextYear = new Date().getFullYear() + 1;
    await cashier.getByLabel("When it happened").fill(`${nextYear}-01-05T09:30`);
    await cashier.getByRole("button", { name: en.logIncident }).click();

    const expected = {
      [en.form.kind]: "Choose what went wrong.",
      [en.form.terminal]: "Choose the terminal.",
      [en.form.amount]: "Enter an amount such as 128.50 (at most 2 decimals).",
      [en.form.cardLast4]: "Enter exactly 4 digits.",
      [en.rrn]: "The reference number (RRN) is 12 digits.",
      "When it happened": "The time cannot be in the future.",
    };
    // Every field in this one answer, beside the field…
    for (const [label, message] of Object.entries(expected)) {
      const field = cashier.getByLabel(label, { exact: false }).first();
      await expect(field, label).toHaveAttribute("aria-invalid", "true");
      // aria-describedby ties the error to the field (with its hint, if it has one).
      await expect(field, label).toHaveAccessibleDescription(
        new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
      );
    }
    // …and in a summary linking each error to its field.
    const summary = cashier.getByTestId("error-summary");
    await expect(summary).toBeVisible();
    for (const message of Object.values(expected)) {
      await expect(summary.getByRole("link", { name: message })).toHaveCount(1);
    }
  });

  test("required fields are marked, to the eye and to assistive technology", async ({ pageAs }) => {
    const cashier = await pageAs("cashier", PHONE);
    await cashier.goto("/incidents/new");
    for (const label of [en.form.kind, en.form.terminal]) {
      const control = cashier.getByLabel(label, { exact: false }).first();
      await expect(control, label).toHaveAttribute("required");
      const id = await control.getAttribute("id");
      await expect(cashier.locator(`label[for="${id}"]`), label).toContainText("required");
    }
    for (const label of [en.form.amount, en.form.cardLast4, en.rrn, en.description]) {
      const control = cashier.getByLabel(label, { exact: false }).first();
      await expect(control, label).not.toHaveAttribute("required");
      const id = await control.getAttribute("id");
      await expect(cashier.locator(`label[for="${id}"]`), label).not.toContainText("required");
    }
  });

  test("the terminal last used on this phone is chosen on the next visit, and no slip data is kept on it", async ({
    pageAs,
  }) => {
    const cashier = await pageAs("cashier", PHONE);
    const rrn = uniqueRrn();
    await cashier.goto("/incidents/new");
    await expect(cashier.getByLabel("When it happened")).not.toHaveValue("");
    await expect(cashier.getByLabel(en.form.terminal)).toHaveValue("");
    await cashier.getByLabel(en.form.kind).selectOption("terminal_fault");
    await cashier.getByLabel(en.form.terminal).selectOption(STORE_1_TERMINALS[1]);
    await cashier.getByLabel(en.form.cardLast4).fill("4321");
    await cashier.getByLabel(en.rrn).fill(rrn);
    await cashier.getByRole("button", { name: en.logIncident }).click();
    await expect(cashier).toHaveURL(/\/incidents\/(?!new)[^/]+$/);

    await cashier.goto("/incidents/new");
    await expect(cashier.getByLabel(en.form.terminal)).toHaveValue(STORE_1_TERMINALS[1]);
    await expect(cashier.getByLabel(en.form.kind)).toHaveValue("");
    const stored = await cashier.evaluate(() => JSON.stringify({ ...window.localStorage }));
    expect(stored).toContain(STORE_1_TERMINALS[1]);
    for (const slipData of ["4321", rrn]) expect(stored).not.toContain(slipData);
  });
});

test.describe("tap targets on a phone", () => {
  for (const { path, user } of [
    { path: "/incidents/new", user: "cashier" },
    { path: "/login", user: null },
  ] as const) {
    test(`every control of the form on ${path} is at least 44 px tall`, async ({ browser, pageAs }) => {
      const page = user ? await pageAs(user, PHONE) : await (await browser.newContext(PHONE)).newPage();
      await page.goto(path);
      // Open the folded details too: they are tapped as well.
      const more = page.getByText("More slip details");
      if (await more.count()) await more.click();
      const small = await page
        .locator("form")
        .locator("input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea, button, summary")
        .evaluateAll((controls) =>
          controls
            .filter((control) => (control as HTMLElement).offsetParent !== null)
            .map((control) => ({
              what: `${control.tagName.toLowerCase()}[name=${control.getAttribute("name") ?? ""}] ${control.textContent?.trim().slice(0, 30) ?? ""}`,
              height: control.getBoundingClientRect().height,
            }))
            .filter(({ height }) => height < 44),
        );
      expect(small).toEqual([]);
      if (!user) await page.context().close();
    });
  }
});
