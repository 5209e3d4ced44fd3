// Saved import formats in the page (issue 8): finance previews a bank file whose headers no
// built-in format knows, picks the header row under a title line, maps the columns, saves the
// format — and the upload form offers it for that kind of file; deleting asks first. On a phone,
// nothing scrolls sideways and axe finds nothing serious.
import { expect, PHONE, seriousAccessibilityViolations, test } from "./fixtures";

const SAMPLE = [
  "Mystery Bank — account statement",
  "Booked,In (fen),Text,Payer",
  "20261128,128050,POS,Acquirer Ltd",
  "",
].join("\r\n");

test("finance saves a format from a sample file's first rows, the upload form offers it, and deleting asks first", async ({
  pageAs,
}) => {
  const finance = await pageAs("finance", PHONE);
  // Base 36: a 13-digit timestamp can pass the Luhn check and would be masked as a card number.
  const name = `Mystery bank ${Date.now().toString(36)}`;
  await finance.goto("/reconciliation/formats");
  await expect(finance.getByRole("heading", { level: 1 })).toHaveText("Reconciliation");

  await test.step("the first rows of the sample file, the header row picked", async () => {
    await finance.getByRole("combobox", { name: "Kind of file", exact: true }).selectOption("bank_credit");
    await finance
      .getByRole("button", { name: "A sample file", exact: true })
      .setInputFiles({ name: "mystery.csv", mimeType: "text/csv", buffer: Buffer.from(SAMPLE) });
    await finance.getByRole("button", { name: "Show its first rows" }).click();
    const preview = finance.getByTestId("format-preview");
    await expect(preview).toContainText("Mystery Bank");
    await expect(preview).toContainText("128050");
    await preview.getByRole("radio", { name: "2" }).check();
  });

  await test.step("a missing required field is refused beside the field, then the format saves", async () => {
    await finance.getByRole("combobox", { name: "Date", exact: true }).selectOption("Booked");
    await finance.getByRole("textbox", { name: "Name of the format" }).fill(name);
    await finance.getByRole("button", { name: "Save format" }).click();
    // Worded with the fields' labels (the API's field paths are for programs), and focused.
    await expect(finance.getByTestId("format-failure")).toHaveText("Check the fields below.");
    await expect(finance.getByTestId("error-summary")).toContainText("Amount: Required");
    await expect(finance.locator("[data-error-summary]")).toBeFocused();
    await expect(finance.getByRole("combobox", { name: "Amount", exact: true })).toHaveAttribute(
      "aria-invalid",
      "true",
    );

    await finance.getByRole("combobox", { name: "Amount", exact: true }).selectOption("In (fen)");
    await finance.getByRole("combobox", { name: "Memo", exact: true }).selectOption("Text");
    await finance.getByRole("textbox", { name: "Date pattern" }).fill("yyyyMMdd");
    await finance.getByRole("combobox", { name: "Amounts are in" }).selectOption("fen");
    await finance.getByRole("button", { name: "Save format" }).click();
    await expect(finance.getByTestId("format-saved")).toContainText(name);
    await expect(finance.getByTestId("formats-list")).toContainText(name);
  });

  await test.step("phone: nothing scrolls sideways; axe finds nothing serious", async () => {
    const overflow = await finance.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousAccessibilityViolations(finance)).toEqual([]);
  });

  await test.step("the upload form offers the format for bank files only", async () => {
    await finance.goto("/reconciliation");
    const saved = finance.getByRole("combobox", { name: "Saved format" });
    await expect(saved.getByRole("option", { name })).toHaveCount(0);
    await finance.getByRole("combobox", { name: "Kind of file", exact: true }).selectOption("bank_credit");
    await expect(saved.getByRole("option", { name })).toHaveCount(1);
  });

  await test.step("deleting asks first; keeping it keeps it, deleting removes it", async () => {
    await finance.goto("/reconciliation/formats");
    const row = finance.getByTestId("formats-list").getByRole("listitem").filter({ hasText: name });
    await row.getByRole("button", { name: `Delete: ${name}` }).click();
    const dialog = finance.getByRole("dialog");
    await expect(dialog).toContainText(name);
    await dialog.getByRole("button", { name: "Keep it" }).click();
    await expect(row).toHaveCount(1);
    await row.getByRole("button", { name: `Delete: ${name}` }).click();
    await dialog.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(row).toHaveCount(0);
    await finance.reload();
    await expect(finance.getByText(name, { exact: true })).toHaveCount(0);
  });
});
