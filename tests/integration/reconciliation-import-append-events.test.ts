// appendEvents: many audit events through one claim of the merchant's chain. The chain must verify
// after a batch (chunked INSERTs included) and while single appends race with batches.
import { beforeAll, describe, expect, test } from "vitest";
import { appendEvent, appendEvents } from "@/lib/audit/append-event";
import { verifyChain } from "@/lib/audit/verify-chain";
import { prisma } from "@/lib/db/client";

let merchantId: string;

const completed = (index: number) =>
  ({
    type: "reconciliation.import_completed",
    after: { importId: `import-${index}`, type: "pos_journal", fileName: `f${index}.csv`, rows: index, counts: {} },
  }) as const;

beforeAll(async () => {
  merchantId = (await prisma.merchant.findFirstOrThrow({ select: { id: true } })).id;
});

describe("appendEvents", () => {
  test("claims the chain once for a batch and leaves a chain that verifies", async () => {
    const before = await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId } });
    // 1,234 events: more than two INSERT chunks.
    const events = await prisma.$transaction((tx) =>
      appendEvents(
        tx,
        merchantId,
        Array.from({ length: 1234 }, (_, index) => completed(index)),
      ),
    );
    const after = await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId } });
    expect(events.map((event) => event.seq)).toEqual(
      Array.from({ length: 1234 }, (_, index) => before.auditSeq + 1 + index),
    );
    expect(after.auditSeq).toBe(before.auditSeq + 1234);
    expect(after.auditHash).toBe(events.at(-1)?.hash);
    expect(events[0].prevHash).toBe(before.auditHash);
    expect(await prisma.auditEvent.count({ where: { merchantId, type: "reconciliation.import_completed" } })).toBe(
      1234,
    );
    expect(await verifyChain({ merchantId })).toMatchObject({ ok: true });
  });

  test("refuses a batch with an event the catalogue rejects, claiming nothing", async () => {
    const before = await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId } });
    await expect(
      prisma.$transaction((tx) =>
        appendEvents(tx, merchantId, [
          completed(1),
          { type: "reconciliation.import_completed", after: { importId: "" } } as unknown as ReturnType<
            typeof completed
          >,
        ]),
      ),
    ).rejects.toThrow(/does not match the catalogue/);
    expect((await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId } })).auditSeq).toBe(before.auditSeq);
  });

  test("interleaves with concurrent single appends without forking the chain", async () => {
    const before = await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId } });
    const batches = Array.from({ length: 4 }, (_, batch) =>
      prisma.$transaction((tx) =>
        appendEvents(
          tx,
          merchantId,
          Array.from({ length: 50 }, (_, index) => completed(batch * 100 + index)),
        ),
      ),
    );
    const singles = Array.from({ length: 8 }, (_, index) =>
      prisma.$transaction((tx) => appendEvent(tx, { merchantId, ...completed(10_000 + index) })),
    );
    await Promise.all([...batches, ...singles]);
    const after = await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId } });
    expect(after.auditSeq).toBe(before.auditSeq + 4 * 50 + 8);
    expect(await verifyChain({ merchantId })).toMatchObject({ ok: true, events: after.auditSeq });
  });
});
