// Maps a unique-constraint clash that slipped past the pre-check (two admins at once) to a 409.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";

export function rethrowUniqueClash(error: unknown, message: string, fields: Record<string, string>): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    throw new AppError("CONFLICT", message, fields);
  }
  throw error;
}
