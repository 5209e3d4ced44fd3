// Ids for rows the app writes with raw SQL, shaped like the cuid() ids Prisma makes for the rest:
// "c", the time in base 36, then random base-36 characters — 25 lower-case letters and digits.
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
const RANDOM_CHARACTERS = 16;

export function newId(): string {
  const time = Date.now().toString(36).padStart(8, "0");
  // 252 is the largest multiple of 36 below 256: rejecting bytes above it keeps every character equally likely.
  let random = "";
  while (random.length < RANDOM_CHARACTERS) {
    for (const byte of randomBytes(RANDOM_CHARACTERS * 2)) {
      if (byte < 252 && random.length < RANDOM_CHARACTERS) random += ALPHABET[byte % 36];
    }
  }
  return `c${time}${random}`;
}
