// POST /api/reconciliation/imports and GET /api/reconciliation/imports/{id} through the real route
// handlers: who may upload, 202 and the job it queues, the same file again, 413 before parsing
// (declared or streamed), 422 with spreadsheet line numbers and nothing stored, card numbers
// masked before the file touches the disk, another merchant's import out of reach, and garbage
// bodies answered with a 4xx.
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { beforeAll, describe, expect, test, vi } from "vitest";

vi.hoisted(() => {
  process.env.IMPORT_MAX_BYTES = String(64 * 1024);
  process.env.IMPORT_INLINE_CHECK_BYTES = String(32 * 1024);
});

import { GET as getImportRoute } from "@/app/api/reconciliation/imports/[id]/route";
import { GET as listRoute, POST as uploadRoute } from "@/app/api/reconciliation/imports/route";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { runImport } from "@/lib/reconciliation/import/run-import";
import { discardTmp, receiveSpool, spoolPathOf } from "@/lib/reconciliation/spool";
import { type DemoUser, params, sessionCookie } from "@/tests/helpers/api";
import { luhnCheckDigit } from "@/tests/helpers/card-numbers";

const HEADER = "交易时间,终端号,卡号,交易类型,交易金额,参考号,授权码,凭证号,批次号,交易状态,是否签名";

function journal(rows: string[], { title = true } = {}): string {
  return [...(title ? ["POS 交易流水 2026-11-20"] : []), HEADER, ...rows].join("\r\n");
}

function posRow(n: number, { tid = "T1000001", amount = "12.50", card = "622202******0128" } = {}): string {
  const rrn = String(100000000000 + n);
  const trace = String(n).padStart(6, "0");
  return `2026-11-20 10:${String(n % 60).padStart(2, "0")}:00,${tid},${card},消费,${amount},${rrn},A${trace},${trace},000001,成功,是`;
}

async function upload(
  user: DemoUser | null,
  {
    file,
    type = "pos_journal",
    name = "journal.csv",
    headers = {},
    format,
  }: {
    file?: string | Uint8Array | null;
    type?: string | null;
    name?: string;
    headers?: Record<string, string>;
    format?: string;
  },
) {
  const form = new FormData();
  if (type !== null) form.set("type", type);
  if (format !== undefined) form.set("format", format);
  if (file !== null && file !== undefined) {
    const bytes = typeof file === "string" ? new TextEncoder().encode(file) : file;
    form.set("file", new Blob([new Uint8Array(bytes)]), name);
  }
  const cookie = user ? await sessionCookie(user) : undefined;
  const request = new Request("http://localhost/api/reconciliation/imports", {
    method: "POST",
    headers: { ...(cookie ? { cookie } : {}), origin: "http://localhost", host: "localhost", ...headers },
    body: form,
  });
  const response = await uploadRoute(request, {});
  // biome-ignore lint/suspicious/noExplicitAny: the tests read whichever answer shape came back
  return { response, body: (await response.json()) as Record<string, any> };
}

async function stored() {
  return {
    imports: await prisma.reconImport.count(),
    jobs: await prisma.job.count(),
    lines: await prisma.reconLine.count(),
    spool: fs.existsSync(env.UPLOAD_DIR) ? fs.readdirSync(env.UPLOAD_DIR).length : 0,
  };
}

let otherMerchantImportId: string;

beforeAll(async () => {
  const other = await prisma.merchant.create({ data: { name: "Elsewhere Ltd" } });
  const user = await prisma.user.findFirstOrThrow({ select: { id: true } });
  otherMerchantImportId = (
    await prisma.reconImport.create({
      data: {
        merchantId: other.id,
        type: "pos_journal",
        fileName: "theirs.csv",
        contentHash: "x",
        byteSize: 1,
        createdById: user.id,
      },
    })
  ).id;
});

describe("who may upload", () => {
  test.each(["cashier", "supervisor"] as const)("%s is refused with 403 and nothing is stored", async (user) => {
    const before = await stored();
    const { response, body } = await upload(user, { file: journal([posRow(1)]) });
    expect(response.status).toBe(403);
    expect(body.error.reason).toBe("RECONCILIATION_ONLY");
    expect(await stored()).toEqual(before);
  });

  test("signed out is 401", async () => {
    const { response } = await upload(null, { file: journal([posRow(1)]) });
    expect(response.status).toBe(401);
  });

  test("a cross-site upload is refused with 403", async () => {
    const { response } = await upload("finance", {
      file: journal([posRow(1)]),
      headers: { origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
  });

  test("the route answers with the security headers the proxy would have set", async () => {
    const { response } = await upload("cashier", { file: journal([posRow(1)]) });
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("'nonce-");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

describe("a good file", () => {
  let importId: string;

  test("is answered 202 with the queued import, its job and its audit event", async () => {
    const { response, body } = await upload("finance", { file: journal([posRow(1), posRow(2), posRow(3)]) });
    expect(response.status).toBe(202);
    expect(body.import).toMatchObject({ type: "pos_journal", fileName: "journal.csv", status: "queued", rowsRead: 0 });
    importId = body.import.id;
    expect(response.headers.get("location")).toBe(`/api/reconciliation/imports/${importId}`);
    const row = await prisma.reconImport.findUniqueOrThrow({ where: { id: importId } });
    const job = await prisma.job.findUniqueOrThrow({ where: { id: row.jobId ?? "" } });
    expect(job).toMatchObject({ kind: "reconciliation.import", status: "queued" });
    expect(JSON.parse(job.payload)).toEqual({ importId });
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { type: "reconciliation.import_queued" },
      orderBy: { seq: "desc" },
    });
    expect(JSON.parse(event.after ?? "{}")).toMatchObject({ importId, type: "pos_journal", retry: false });
    expect(fs.existsSync(spoolPathOf(importId))).toBe(true);
  });

  test("its status is readable by finance and admin, not by a cashier", async () => {
    for (const user of ["finance", "admin"] as const) {
      const response = await getImportRoute(
        new Request(`http://localhost/api/reconciliation/imports/${importId}`, {
          headers: { cookie: await sessionCookie(user) },
        }),
        params({ id: importId }),
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ id: importId, status: "queued", rowsRead: 0 });
    }
    const cashier = await getImportRoute(
      new Request(`http://localhost/api/reconciliation/imports/${importId}`, {
        headers: { cookie: await sessionCookie("cashier") },
      }),
      params({ id: importId }),
    );
    expect(cashier.status).toBe(403);
    const list = await listRoute(
      new Request("http://localhost/api/reconciliation/imports", {
        headers: { cookie: await sessionCookie("finance") },
      }),
      {},
    );
    const { imports } = (await list.json()) as { imports: { id: string }[] };
    expect(imports.map((entry) => entry.id)).toContain(importId);
    expect(imports.map((entry) => entry.id)).not.toContain(otherMerchantImportId);
  });

  test("the same file again creates nothing and answers with the earlier import", async () => {
    const before = await stored();
    const { response, body } = await upload("finance", {
      file: journal([posRow(1), posRow(2), posRow(3)]),
      name: "again.csv",
    });
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ duplicate: true, import: { id: importId } });
    expect(await stored()).toEqual(before);
  });

  test("the same bytes as another type are another import", async () => {
    const { response } = await upload("finance", {
      file: journal([posRow(1), posRow(2), posRow(3)]),
      type: "statement",
    });
    // A journal's columns are not a statement's: refused, but as a statement, not as the duplicate.
    expect(response.status).toBe(422);
  });

  test("another merchant's import is 404", async () => {
    const response = await getImportRoute(
      new Request(`http://localhost/api/reconciliation/imports/${otherMerchantImportId}`, {
        headers: { cookie: await sessionCookie("finance") },
      }),
      params({ id: otherMerchantImportId }),
    );
    expect(response.status).toBe(404);
  });
});

describe("a bad file stores nothing", () => {
  test("422 lists each bad line as a spreadsheet numbers it (title line counted)", async () => {
    const before = await stored();
    const rows = [posRow(10), posRow(11, { amount: "12.5x" }), posRow(12), posRow(13, { tid: "T9999999" })];
    const { response, body } = await upload("finance", { file: journal(rows) });
    expect(response.status).toBe(422);
    expect(body.error.reason).toBe("FILE_REFUSED");
    // Title on row 1, header on row 2: the data rows are 3–6.
    expect(body.errors.map((error: { line: number }) => error.line)).toEqual([4, 6]);
    expect(body.errors[0].column).toBe("交易金额");
    expect(body.errors[1].message).toContain("T9999999");
    // The unknown terminal names its column too, as every other row error does.
    expect(body.errors[1].column).toBe("终端号");
    expect(await stored()).toEqual(before);
  });

  test("a saved format for another kind of file is named as such, not as missing; nothing is stored", async () => {
    const before = await stored();
    const finance = await prisma.user.findFirstOrThrow({ where: { email: "finance@demo.test" } });
    const { merchantId } = await prisma.membership.findFirstOrThrow({ where: { userId: finance.id } });
    const bankFormat = await prisma.reconFormat.create({
      data: {
        merchantId,
        createdById: finance.id,
        name: `bank ${Date.now()}`,
        type: "bank_credit",
        mapping: JSON.stringify({ date: "记账日期", amount: "贷方" }),
      },
    });
    const { response, body } = await upload("finance", { file: journal([posRow(90)]), format: bankFormat.id });
    expect(response.status).toBe(400);
    expect(body.error.fieldReasons.format).toEqual({ reason: "FORMAT_OTHER_TYPE", params: { type: "bank_credit" } });
    const unknown = await upload("finance", { file: journal([posRow(91)]), format: "no-such-format" });
    expect(unknown.body.error.fieldReasons.format.reason).toBe("FORMAT_NOT_FOUND");
    expect(await stored()).toEqual(before);
  });

  test("errors come in the caller's language", async () => {
    const { body } = await upload("finance", {
      file: journal([posRow(20, { tid: "T9999999" })]),
      headers: { "accept-language": "zh-CN" },
    });
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(body.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
  });

  test("missing type or file, or a type that is not one of the three, is a 400 naming the field", async () => {
    const noType = await upload("finance", { file: journal([posRow(30)]), type: null });
    expect(noType.response.status).toBe(400);
    expect(Object.keys(noType.body.error.fields)).toEqual(["type"]);
    const badType = await upload("finance", { file: journal([posRow(30)]), type: "ledger" });
    expect(badType.response.status).toBe(400);
    expect(Object.keys(badType.body.error.fields)).toEqual(["type"]);
    const noFile = await upload("finance", { file: null });
    expect(noFile.response.status).toBe(400);
    expect(Object.keys(noFile.body.error.fields)).toEqual(["file"]);
    const unknownFormat = await upload("finance", { file: journal([posRow(30)]), headers: {}, name: "f.csv" });
    expect(unknownFormat.response.status).toBe(202);
  });

  test("a body announced over the limit is refused with 413 before it is read", async () => {
    const before = await stored();
    const request = new Request("http://localhost/api/reconciliation/imports", {
      method: "POST",
      headers: {
        cookie: await sessionCookie("finance"),
        origin: "http://localhost",
        host: "localhost",
        "content-type": "multipart/form-data; boundary=x",
        "content-length": String(env.IMPORT_MAX_BYTES * 4),
      },
      body: "--x--",
    });
    const response = await uploadRoute(request, {});
    expect(response.status).toBe(413);
    const { error } = (await response.json()) as { error: { reason: string; message: string } };
    expect(error.reason).toBe("FILE_TOO_LARGE");
    // the limit (64 KiB here) in words a person can act on, not "0 MB"
    expect(error.message).toContain("64 KB");
    expect(await stored()).toEqual(before);
  });

  test("a streamed body that grows past the limit is refused with 413 and its partial file removed", async () => {
    const before = await stored();
    const rows = Array.from({ length: 2000 }, (_, i) => posRow(i));
    const { response } = await upload("finance", { file: journal(rows) });
    expect(journal(rows).length).toBeGreaterThan(env.IMPORT_MAX_BYTES);
    expect(response.status).toBe(413);
    expect(await stored()).toEqual(before);
  });
});

describe("the form posted without JavaScript (Accept: text/html) lands on a page, never on JSON", () => {
  const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

  async function uploadFromPage(user: DemoUser | null, options: Parameters<typeof upload>[1]) {
    const form = new FormData();
    if (options.type !== null) form.set("type", options.type ?? "pos_journal");
    form.set("format", "");
    if (options.file !== null && options.file !== undefined) {
      const bytes = typeof options.file === "string" ? new TextEncoder().encode(options.file) : options.file;
      form.set("file", new Blob([new Uint8Array(bytes)]), options.name ?? "journal.csv");
    }
    const cookie = user ? await sessionCookie(user) : undefined;
    const response = await uploadRoute(
      new Request("http://localhost/api/reconciliation/imports", {
        method: "POST",
        headers: {
          ...(cookie ? { cookie } : {}),
          origin: "http://localhost",
          host: "localhost",
          accept: BROWSER_ACCEPT,
        },
        body: form,
      }),
      {},
    );
    return { response, location: response.headers.get("location") ?? "", text: await response.text() };
  }

  test("a good file: 303 to its import's page, queued; the same file again: 303 to that page saying so", async () => {
    const file = journal([posRow(40), posRow(41)]);
    const first = await uploadFromPage("finance", { file });
    expect(first.response.status).toBe(303);
    expect(first.text).toBe("");
    const id = first.location.match(/^\/reconciliation\/imports\/([^/?#]+)$/)?.[1] ?? "";
    expect((await prisma.reconImport.findUniqueOrThrow({ where: { id } })).status).toBe("queued");
    const again = await uploadFromPage("finance", { file });
    expect(again.response.status).toBe(303);
    expect(again.location).toBe(`/reconciliation/imports/${id}?duplicate=1`);
  });

  test("a refused file: 303 back to /reconciliation with the count and the lines, no cell of the file in the address, nothing stored", async () => {
    const before = await stored();
    const card = `622202000000012${luhnCheckDigit("622202000000012")}`;
    const rows = [posRow(50), posRow(51, { amount: "9z9.SECRET" }), posRow(52, { tid: "T9999999", card })];
    const { response, location } = await uploadFromPage("finance", { file: journal(rows) });
    expect(response.status).toBe(303);
    const url = new URL(location, "http://localhost");
    expect(url.pathname).toBe("/reconciliation");
    expect(Object.fromEntries(url.searchParams)).toEqual({ upload: "FILE_REFUSED", count: "2", lines: "4,5" });
    for (const secret of ["SECRET", "T9999999", card, "journal.csv"]) {
      expect(location).not.toContain(secret);
    }
    expect(await stored()).toEqual(before);
  });

  test("too large, no file or not signed in: 303 naming the problem (or to sign in)", async () => {
    const before = await stored();
    const tooLarge = await uploadFromPage("finance", {
      file: journal(Array.from({ length: 2000 }, (_, i) => posRow(i))),
    });
    expect(tooLarge.response.status).toBe(303);
    expect(tooLarge.location).toBe("/reconciliation?upload=FILE_TOO_LARGE&field=file#upload-notice");
    const noFile = await uploadFromPage("finance", { file: null });
    expect(noFile.location).toBe("/reconciliation?upload=REQUIRED&field=file#upload-notice");
    // What a browser sends for a file input left empty: a part with no name and no bytes.
    const noneChosen = await uploadFromPage("finance", { file: "", name: "" });
    expect(noneChosen.location).toBe("/reconciliation?upload=REQUIRED&field=file#upload-notice");
    const emptyFile = await uploadFromPage("finance", { file: "", name: "empty.csv" });
    expect(emptyFile.location).toBe("/reconciliation?upload=FILE_EMPTY&field=file#upload-notice");
    const cashier = await uploadFromPage("cashier", { file: journal([posRow(60)]) });
    expect(cashier.location).toBe("/reconciliation?upload=RECONCILIATION_ONLY#upload-notice");
    const signedOut = await uploadFromPage(null, { file: journal([posRow(61)]) });
    expect(signedOut.response.status).toBe(303);
    expect(signedOut.location).toBe("/login");
    expect(await stored()).toEqual(before);
  });

  test("API clients keep their JSON: Accept application/json, a wildcard or none", async () => {
    for (const accept of ["application/json", "*/*", "text/html, application/json"]) {
      const { response, body } = await upload("finance", {
        file: journal([posRow(70, { amount: "x" })]),
        headers: { accept },
      });
      expect(response.status).toBe(422);
      expect(body.errors.map((error: { line: number }) => error.line)).toEqual([3]);
    }
  });
});

describe("card numbers", () => {
  test("a full card number never reaches the disk: masked in the spool, counted in the report", async () => {
    const body15 = "622202123456789";
    const pan = `${body15}${luhnCheckDigit(body15)}`;
    const file = journal([posRow(40, { card: pan }), posRow(41)]);
    const { response, body } = await upload("finance", { file });
    expect(response.status).toBe(202);
    const spooled = fs.readFileSync(spoolPathOf(body.import.id), "latin1");
    expect(spooled).not.toContain(pan);
    expect(spooled).toContain(`622202******${pan.slice(-4)}`);
    expect(body.import.report).toMatchObject({ pansMaskedOnUpload: 1 });
    expect(fs.readdirSync(env.UPLOAD_DIR).filter((name) => name.startsWith("tmp-"))).toEqual([]);
  });
});

describe("a UTF-16 file (Excel's Unicode text)", () => {
  test("is spooled as UTF-8, its card numbers masked: none reaches the disk in either form", async () => {
    const body15 = "622202123456790";
    const pan = `${body15}${luhnCheckDigit(body15)}`;
    const text = journal([posRow(80, { card: pan }), posRow(81)]).replaceAll(",", "\t");
    const file = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const { response, body } = await upload("finance", { file, name: "unicode.txt" });
    expect(response.status).toBe(202);
    const spooled = fs.readFileSync(spoolPathOf(body.import.id));
    for (const encoding of ["utf8", "utf16le", "latin1"] as const) {
      expect(spooled.toString(encoding).replace(/\D/g, "")).not.toContain(pan);
    }
    expect(spooled.toString("utf8")).toContain(`622202******${pan.slice(-4)}\t消费`);
    expect(body.import.report).toMatchObject({ pansMaskedOnUpload: 1 });
    // Four lines (the progress bar's end): the title, the header and two sales.
    expect(body.import.rowsTotal).toBe(4);
  });

  test("is known as UTF-16 even when the upload arrives a byte at a time", async () => {
    const body15 = "622202123456791";
    const pan = `${body15}${luhnCheckDigit(body15)}`;
    const text = journal([posRow(82, { card: pan })]).replaceAll(",", "\t");
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const spool = await receiveSpool(Readable.from([...bytes].map((byte) => Buffer.from([byte]))), {
      limitBytes: env.IMPORT_MAX_BYTES,
    });
    try {
      const spooled = fs.readFileSync(spool.tmpPath);
      expect(spooled.toString("utf8")).toContain(`622202******${pan.slice(-4)}\t消费`);
      expect(spooled.toString("utf16le").replace(/\D/g, "")).not.toContain(pan);
      expect(spool.byteSize).toBe(bytes.length);
    } finally {
      await discardTmp(spool.tmpPath);
    }
  });
});

describe("the progress bar's end", () => {
  test("counts the lines of a file whose lines end in CR alone, and a last line without an ending", async () => {
    const file = journal([posRow(70), posRow(71)]).replaceAll("\r\n", "\r");
    const { response, body } = await upload("finance", { file, name: "mac.csv" });
    expect(response.status).toBe(202);
    // title, header and two rows
    expect(body.import.rowsTotal).toBe(4);
  });
});

describe("the parts of the upload, as sent by hand", () => {
  const BOUNDARY = "slipcase-test-boundary";

  /** A multipart body part by part, the file name as raw bytes (a browser sends it as UTF-8). */
  function multipart(
    parts: ({ name: string; value: string } | { name: string; fileName: Uint8Array | string; content: string })[],
  ): Uint8Array<ArrayBuffer> {
    const chunks: Buffer[] = [];
    for (const part of parts) {
      chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"`));
      if ("fileName" in part) {
        chunks.push(
          Buffer.from('; filename="'),
          Buffer.from(part.fileName),
          Buffer.from('"\r\nContent-Type: text/csv'),
        );
        chunks.push(Buffer.from(`\r\n\r\n${part.content}\r\n`));
      } else {
        chunks.push(Buffer.from(`\r\n\r\n${part.value}\r\n`));
      }
    }
    chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
    return new Uint8Array(Buffer.concat(chunks));
  }

  async function send(body: Uint8Array<ArrayBuffer>) {
    const response = await uploadRoute(
      new Request("http://localhost/api/reconciliation/imports", {
        method: "POST",
        headers: {
          cookie: await sessionCookie("finance"),
          origin: "http://localhost",
          host: "localhost",
          "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
        },
        body,
      }),
      {},
    );
    // biome-ignore lint/suspicious/noExplicitAny: the tests read whichever answer shape came back
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  const tmpFiles = () => fs.readdirSync(env.UPLOAD_DIR).filter((name) => name.startsWith("tmp-"));

  test("a body cut off inside the file is a 400, with no stray error and no temporary file", async () => {
    const before = await stored();
    const whole = multipart([
      { name: "type", value: "pos_journal" },
      { name: "file", fileName: "cut.csv", content: journal([posRow(70), posRow(71)]) },
    ]);
    const { status, body } = await send(whole.slice(0, whole.length - 60));
    expect(status).toBe(400);
    expect(body.error.reason).toBe("MULTIPART_UNREADABLE");
    // Let the file part's own error event fire: it must not surface as an uncaught exception.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await stored()).toEqual(before);
    expect(tmpFiles()).toEqual([]);
  });

  test("two files, or the type twice, is a 400 naming the part, and nothing is stored", async () => {
    const before = await stored();
    const twoFiles = await send(
      multipart([
        { name: "type", value: "pos_journal" },
        { name: "file", fileName: "a.csv", content: journal([posRow(72)]) },
        { name: "file", fileName: "b.csv", content: journal([posRow(73)]) },
      ]),
    );
    expect(twoFiles.status).toBe(400);
    expect(twoFiles.body.error.fieldReasons).toEqual({ file: expect.objectContaining({ reason: "GIVEN_TWICE" }) });
    const twoTypes = await send(
      multipart([
        { name: "type", value: "statement" },
        { name: "type", value: "pos_journal" },
        { name: "file", fileName: "a.csv", content: journal([posRow(74)]) },
      ]),
    );
    expect(twoTypes.status).toBe(400);
    expect(twoTypes.body.error.fieldReasons).toEqual({ type: expect.objectContaining({ reason: "GIVEN_TWICE" }) });
    const typeAfterFile = await send(
      multipart([
        { name: "type", value: "pos_journal" },
        { name: "file", fileName: "a.csv", content: journal([posRow(75)]) },
        { name: "type", value: "statement" },
      ]),
    );
    expect(typeAfterFile.status).toBe(400);
    expect(typeAfterFile.body.error.fieldReasons).toEqual({ type: expect.objectContaining({ reason: "GIVEN_TWICE" }) });
    expect(await stored()).toEqual(before);
    expect(tmpFiles()).toEqual([]);
  });

  test("a control character written raw in the part's header makes the form unreadable: a 400", async () => {
    const before = await stored();
    const { status, body } = await send(
      multipart([
        { name: "type", value: "pos_journal" },
        { name: "file", fileName: "对账\u0000.csv", content: journal([posRow(76)]) },
      ]),
    );
    expect(status).toBe(400);
    expect(body.error.reason).toBe("MULTIPART_UNREADABLE");
    expect(await stored()).toEqual(before);
  });

  test.each([
    // filename* (RFC 5987) carries any byte, percent-encoded
    ["a NUL", Buffer.from(`"; filename*=UTF-8''%E5%AF%B9%E8%B4%A6%00.csv; x="`)],
    ["a control character", Buffer.from(`"; filename*=UTF-8''%E5%AF%B9%E8%B4%A6%07.csv; x="`)],
    ["bytes that are not UTF-8 (a GBK name)", Buffer.from([0xb6, 0xd4, 0xd5, 0xcb, 0x2e, 0x63, 0x73, 0x76])],
  ])("a file name with %s is a 400 naming the file, and nothing is stored", async (_, fileName) => {
    const before = await stored();
    const { status, body } = await send(
      multipart([
        { name: "type", value: "pos_journal" },
        { name: "file", fileName: new Uint8Array(fileName), content: journal([posRow(76)]) },
      ]),
    );
    expect(status).toBe(400);
    expect(body.error.fieldReasons).toEqual({ file: expect.objectContaining({ reason: "FILE_NAME_NOT_TEXT" }) });
    expect(await stored()).toEqual(before);
    expect(tmpFiles()).toEqual([]);
  });

  test("a long name is cut at a whole character (never between an emoji's halves) and stored", async () => {
    // 254 letters and an emoji: its two UTF-16 halves straddle the 255th unit.
    const name = `${"a".repeat(254)}😀${"b".repeat(40)}.csv`;
    const { status, body } = await send(
      multipart([
        { name: "type", value: "pos_journal" },
        { name: "file", fileName: name, content: journal([posRow(77)]) },
      ]),
    );
    expect(status).toBe(202);
    const row = await prisma.reconImport.findUniqueOrThrow({ where: { id: body.import.id } });
    expect(row.fileName).toBe(`${"a".repeat(254)}😀`);
    expect(row.fileName.isWellFormed()).toBe(true);
  });
});

describe("a card number in the file's name", () => {
  test("is masked before the name is stored, listed or audited", async () => {
    const body15 = "622202765432101";
    const pan = `${body15}${luhnCheckDigit(body15)}`;
    const name = `refund ${pan}.csv`;
    const { response, body } = await upload("finance", { file: journal([posRow(60)]), name });
    expect(response.status).toBe(202);
    expect(body.import.fileName).toBe(`refund 622202******${pan.slice(-4)}.csv`);
    const row = await prisma.reconImport.findUniqueOrThrow({ where: { id: body.import.id } });
    expect(row.fileName).not.toContain(pan);
    const listed = await listRoute(
      new Request("http://localhost/api/reconciliation/imports", {
        headers: { cookie: await sessionCookie("finance") },
      }),
      {},
    );
    expect(await listed.text()).not.toContain(pan);
    const events = await prisma.auditEvent.findMany({ where: { type: { startsWith: "reconciliation." } } });
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(`${event.before ?? ""}${event.after ?? ""}`).not.toContain(pan);
  });
});

describe("XLSX", () => {
  test("a workbook is spooled as CSV of its first sheet, its card numbers masked, never as the workbook", async () => {
    const body15 = "622848765432109";
    const pan = `${body15}${luhnCheckDigit(body15)}`;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("流水");
    sheet.addRow(["POS 交易流水"]);
    sheet.addRow(HEADER.split(","));
    sheet.addRow(posRow(50).split(","));
    sheet.addRow(posRow(51, { card: pan }).split(","));
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { response, body } = await upload("finance", { file: bytes, name: "journal.xlsx" });
    expect(response.status).toBe(202);
    const spooled = fs.readFileSync(spoolPathOf(body.import.id), "utf8");
    expect(spooled.startsWith("\ufeffPOS 交易流水\r\n交易时间,终端号")).toBe(true);
    expect(spooled).not.toContain(pan);
    // As a CSV's bytes are masked: the first six (the issuer, which finance reads) and the last four.
    expect(spooled).toContain(`622848******${pan.slice(-4)}`);
    expect(spooled).not.toContain("PK");
    expect(spooled.split("\r\n").filter(Boolean)).toHaveLength(4);
    expect(body.import.report).toMatchObject({ pansMaskedOnUpload: 1 });
  });

  test("a workbook cut short or damaged is a 422 naming the file, in the reader's language, and nothing is kept", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("流水");
    sheet.addRow(HEADER.split(","));
    for (let i = 0; i < 200; i++) sheet.addRow(posRow(70 + i).split(","));
    const whole = new Uint8Array(await workbook.xlsx.writeBuffer());
    const before = await stored();
    for (const [file, language] of [
      [whole.subarray(0, Math.floor(whole.length / 2)), "en"],
      [Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode("PK not a zip".repeat(50))]), "zh-CN"],
    ] as const) {
      const { response, body } = await upload("finance", {
        file,
        name: "journal.xlsx",
        headers: { "accept-language": language },
      });
      expect(response.status).toBe(422);
      expect(body.error.reason).toBe("WORKBOOK_UNREADABLE");
      expect(Object.keys(body.error.fields)).toEqual(["file"]);
      expect(body.error.message).toMatch(language === "en" ? /cannot be read/ : /无法读取/);
    }
    expect(await stored()).toEqual(before);
    expect(fs.readdirSync(env.UPLOAD_DIR).filter((name) => name.startsWith("tmp-"))).toEqual([]);
  });
});

describe("cells past the header", () => {
  test("an amount written 1,280.50 without quotes is refused at its line, naming what to do; nothing is stored", async () => {
    const before = await stored();
    // A bank file's columns after the amount are free text: read split, the credit was 1.00
    const bank = [
      "交易日期,收入金额,摘要",
      "2026-11-20,1,280.50,银联入账",
      '2026-11-20,"1,280.50",银联入账',
      "2026-11-20,5.00,,",
    ];
    const { response, body } = await upload("finance", {
      file: bank.join("\r\n"),
      type: "bank_credit",
      name: "bank.csv",
    });
    expect(response.status).toBe(422);
    expect(body.errors).toEqual([
      expect.objectContaining({ line: 2, column: null, reason: "cells_past_header", params: { cells: 4, columns: 3 } }),
    ]);
    expect(body.errors[0].message).toContain("double quotes");
    expect(await stored()).toEqual(before);
  });

  test("in a workbook a note beside a row is no split cell: the file is read, by the check and by the job", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("流水");
    sheet.addRow(HEADER.split(","));
    sheet.addRow([...posRow(83, { amount: "1280.50" }).split(","), "checked by 李"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { response, body } = await upload("finance", { file: bytes, name: "noted.xlsx" });
    expect(response.status).toBe(202);
    expect(body.import.report).toMatchObject({ fromWorkbook: true });
    await runImport(body.import.id, { heartbeat: async () => {} });
    const done = await prisma.reconImport.findUniqueOrThrow({ where: { id: body.import.id } });
    expect({ status: done.status, errors: done.errors, rowsRead: done.rowsRead }).toEqual({
      status: "done",
      errors: null,
      rowsRead: 1,
    });
    const line = await prisma.reconLine.findFirstOrThrow({ where: { importId: body.import.id } });
    expect(Number(line.amountMinor)).toBe(128050);
  });
});

describe("XLSX number formats", () => {
  test("a number shown zero-padded (format 000000) is spooled as shown, leading zeros kept", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("流水");
    sheet.addRow(HEADER.split(","));
    const row = sheet.addRow(posRow(52).split(","));
    // trace and batch as numbers the sheet shows as 000052 and 000001, the batch as a formula's result
    const trace = row.getCell(8);
    trace.value = Number(trace.value);
    trace.numFmt = "000000";
    const batch = row.getCell(9);
    batch.value = { formula: "0+1", result: 1 };
    batch.numFmt = "000000";
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { response, body } = await upload("finance", { file: bytes, name: "padded.xlsx" });
    expect(response.status).toBe(202);
    const spooled = fs.readFileSync(spoolPathOf(body.import.id), "utf8");
    expect(spooled.split("\r\n")[1]).toContain(",A000052,000052,000001,");
  });
});

describe("garbage", () => {
  test("any body, any content type: a 4xx, never a 5xx, and no temporary file left", async () => {
    const cookie = await sessionCookie("finance");
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom("multipart/form-data; boundary=b", "multipart/form-data", "text/csv", "application/json", ""),
        async (bytes, contentType) => {
          const response = await uploadRoute(
            new Request("http://localhost/api/reconciliation/imports", {
              method: "POST",
              headers: {
                cookie,
                origin: "http://localhost",
                host: "localhost",
                ...(contentType ? { "content-type": contentType } : {}),
              },
              body: bytes,
            }),
            {},
          );
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
    expect(fs.readdirSync(env.UPLOAD_DIR).filter((name) => name.startsWith("tmp-"))).toEqual([]);
  });

  test("random rows in a well-formed upload: 202 or 422 with line errors, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.string({ maxLength: 12 }), { maxLength: 12 }), { maxLength: 8 }),
        async (rows) => {
          const file = journal(rows.map((cells) => cells.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(",")));
          const { response } = await upload("finance", { file, name: "fuzz.csv" });
          expect([200, 202, 400, 422]).toContain(response.status);
        },
      ),
      { numRuns: 40 },
    );
  });
});

test("the upload path is left out of the proxy, the status path is not", async () => {
  const { config } = await import("@/proxy");
  const matcher = new RegExp(`^${config.matcher[0]}$`);
  expect(matcher.test("/api/reconciliation/imports")).toBe(false);
  expect(matcher.test("/api/reconciliation/imports/abc")).toBe(true);
  expect(matcher.test("/reconciliation")).toBe(true);
  expect(matcher.test("/")).toBe(true);
  expect(path.basename(spoolPathOf("abc"))).toBe("abc.upload");
});
