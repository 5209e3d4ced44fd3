import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type CheckpointContent,
  checkpointSignatureValid,
  checkpointText,
  signCheckpoint,
} from "@/lib/audit/checkpoint";

const key = "k".repeat(32);
const checkpoint: CheckpointContent = {
  merchantId: "m1",
  seq: 42,
  hash: "a".repeat(64),
  at: new Date("2026-12-01T08:00:00.123Z"),
};

describe("audit checkpoints", () => {
  test("sign a fixed, versioned text of merchant, seq, hash and time", () => {
    expect(checkpointText(checkpoint)).toBe(
      `{"at":"2026-12-01T08:00:00.123Z","hash":"${"a".repeat(64)}","kind":"slipcase.audit-checkpoint","merchantId":"m1","seq":42,"v":1}`,
    );
    expect(signCheckpoint(key, checkpoint)).toMatch(/^[0-9a-f]{64}$/);
    expect(checkpointSignatureValid(key, checkpoint, signCheckpoint(key, checkpoint))).toBe(true);
  });

  test("a signature made with another key does not verify", () => {
    expect(checkpointSignatureValid(key, checkpoint, signCheckpoint("x".repeat(32), checkpoint))).toBe(false);
  });

  test.each<[keyof CheckpointContent, unknown]>([
    ["merchantId", "m2"],
    ["seq", 43],
    ["hash", "b".repeat(64)],
    ["at", new Date("2026-12-01T08:00:00.124Z")],
  ])("changing %s breaks the signature", (field, value) => {
    const signature = signCheckpoint(key, checkpoint);
    expect(checkpointSignatureValid(key, { ...checkpoint, [field]: value }, signature)).toBe(false);
  });

  test("any string that is not the signature is refused, never thrown on", () => {
    const signature = signCheckpoint(key, checkpoint);
    fc.assert(
      fc.property(fc.string(), (forged) => {
        fc.pre(forged !== signature);
        expect(checkpointSignatureValid(key, checkpoint, forged)).toBe(false);
      }),
    );
  });
});
