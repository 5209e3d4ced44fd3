// Liveness plus database reachability, for load balancers and the benchmark's floor.
import "server-only";
import { prisma } from "@/lib/db/client";

export async function checkHealth(): Promise<{ status: "ok" | "degraded"; database: "ok" | "unreachable" }> {
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    return { status: "ok", database: "ok" };
  } catch {
    return { status: "degraded", database: "unreachable" };
  }
}
