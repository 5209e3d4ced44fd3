import { expect, test } from "vitest";
import { newId } from "@/lib/db/new-id";

test("ids are 25 lower-case letters and digits starting with c, like Prisma's cuid()", () => {
  for (let i = 0; i < 1_000; i++) expect(newId()).toMatch(/^c[0-9a-z]{24}$/);
});

test("ten thousand ids made at once are all different", () => {
  const ids = Array.from({ length: 10_000 }, newId);
  expect(new Set(ids).size).toBe(ids.length);
});

test("an id made later sorts after one made earlier when the millisecond differs", async () => {
  const earlier = newId();
  await new Promise((resolve) => setTimeout(resolve, 5));
  expect(newId().slice(0, 9) > earlier.slice(0, 9)).toBe(true);
});
