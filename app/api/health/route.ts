import { checkHealth } from "@/lib/health/check-health";

export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.database === "ok" ? 200 : 503 });
}
