// Shared by the reconciliation-import tests: an import row with its file in the spool (as the
// upload route leaves it), run through the real job, and the resulting lines read back.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { prisma } from "@/lib/db/client";
import { newId } from "@/lib/db/new-id";
import { runImport } from "@/lib/reconciliation/import/run-import";
import { spoolPathOf } from "@/lib/reconciliation/spool";
import { GROUPED_LINE_CATEGORIES, type ImportType } from "@/lib/reconciliation/types";

export const noHeartbeat = { heartbeat: async () => {} };

/** A POS journal's and an acquirer statement's headers as Chinese exports have them: every column, in the usual order. */
export { POS_HEADER, STATEMENT_HEADER } from "@/bench/lib/recon-generator.mjs";

/** The columns a small test's journal and statement need (one acquirer merchant: no merchant id). */
export const SHORT_POS_HEADER = [
  "交易时间",
  "终端号",
  "卡号",
  "交易类型",
  "交易金额",
  "参考号",
  "凭证号",
  "批次号",
  "交易状态",
];
export const SHORT_STATEMENT_HEADER = [
  "清算日期",
  "交易时间",
  "终端号",
  "卡号",
  "交易类型",
  "交易金额",
  "手续费",
  "结算金额",
  "参考号",
  "凭证号",
  "批次号",
];

/** A CSV file from rows of cells (comma separated, CRLF, cells quoted when they need it). */
export function csv(rows: (string | number | null)[][]): string {
  const cell = (value: string | number | null) => {
    const text = value === null ? "" : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}

/** A journal of one terminal's approved sales, one a second from 2026-11-10 on: big enough to kill mid-way. */
export function longJournal(rows: number): string {
  const lines: (string | number)[][] = [
    ["time", "terminal id", "type", "amount", "rrn", "trace no", "batch no", "status"],
  ];
  for (let index = 0; index < rows; index++) {
    const second = index % 86_400;
    const time = `${String(Math.floor(second / 3600)).padStart(2, "0")}:${String(Math.floor(second / 60) % 60).padStart(2, "0")}:${String(second % 60).padStart(2, "0")}`;
    const day = `2026-11-${String(10 + Math.floor(index / 86_400)).padStart(2, "0")}`;
    lines.push([
      `${day} ${time}`,
      "T1000001",
      "sale",
      (1 + (index % 9000) / 100).toFixed(2),
      `K${index}`,
      String(index).padStart(6, "0"),
      "001",
      "approved",
    ]);
  }
  return csv(lines);
}

/**
 * Runs a file of this repository in a process of its own, as a worker would: node with tsx as a
 * loader, not the tsx CLI (the CLI runs the script in a grandchild that a SIGKILL would miss).
 */
export function spawnTsx(file: string, ...args: string[]) {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", file, ...args], {
    env: process.env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? code)),
  );
  return { child, exited, stderr: () => stderr };
}

/** Stores an import row and its spooled file, as the upload route does, without running it. */
export async function queueFile({
  merchantId,
  type,
  content,
  fileName = `${type}.csv`,
}: {
  merchantId: string;
  type: ImportType;
  content: string | Buffer;
  fileName?: string;
}) {
  // The audit event names the uploader (a real user); a merchant made by a test may have none.
  const uploader =
    (await prisma.membership.findFirst({ where: { merchantId }, select: { userId: true } })) ??
    (await prisma.membership.findFirstOrThrow({ select: { userId: true } }));
  const id = newId();
  const file = spoolPathOf(id);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return prisma.reconImport.create({
    data: {
      id,
      merchantId,
      type,
      fileName,
      contentHash: id,
      byteSize: Buffer.byteLength(content),
      createdById: uploader.userId,
    },
  });
}

/** Queues a file and runs its import job to the end; returns the import as it ended. */
export async function importFile(options: Parameters<typeof queueFile>[0]) {
  const queued = await queueFile(options);
  await runImport(queued.id, noHeartbeat);
  return prisma.reconImport.findUniqueOrThrow({ where: { id: queued.id } });
}

/** The import's lines by the row number of the file. */
export async function linesOf(importId: string) {
  const lines = await prisma.reconLine.findMany({ where: { importId }, orderBy: { lineNo: "asc" } });
  return new Map(lines.map((line) => [line.lineNo, line]));
}

/**
 * Every open exception of the merchant that is made of lines lists them: as many lines point at
 * it as its line count says, and at least one — an incident opened from it takes its card, rrn
 * and evidence from them. Only those of `days` when given. Returns the lines' ids by exception key.
 */
export async function expectOpenExceptionsListTheirLines(merchantId: string, days?: string[]) {
  const open = await prisma.reconException.findMany({
    where: {
      merchantId,
      status: "open",
      category: { in: [...GROUPED_LINE_CATEGORIES] },
      ...(days ? { day: { in: days } } : {}),
    },
    select: { id: true, key: true, lineCount: true },
    orderBy: { key: "asc" },
  });
  const lines = await prisma.reconLine.findMany({
    where: { merchantId, exceptionId: { in: open.map((exception) => exception.id) } },
    select: { id: true, exceptionId: true },
    orderBy: { id: "asc" },
  });
  const listed = new Map(
    open.map((exception) => [
      exception.key,
      lines.filter((line) => line.exceptionId === exception.id).map((line) => line.id),
    ]),
  );
  expect(open.map((exception) => [exception.key, listed.get(exception.key)?.length])).toEqual(
    open.map((exception) => [exception.key, exception.lineCount]),
  );
  for (const exception of open) expect(exception.lineCount, exception.key).toBeGreaterThan(0);
  return listed;
}
