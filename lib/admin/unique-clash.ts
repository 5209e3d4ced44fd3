// Maps a unique-constraint clash that slipped past the pre-check (two admins at once) to the same
// 409 the pre-check gives.
import "server-only";
import type { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";

export function rethrowUniqueClash(error: unknown, clash: AppError): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw clash;
  throw error;
}
