// npm run db:seed — seeds the demo data into an empty database (see README).
import { env } from "@/lib/env";
import { seedDemo } from "@/lib/seed/seed-demo";

async function main() {
  const result = await seedDemo({ password: env.DEMO_PASSWORD });
  console.log(result.seeded ? "Seeded the demo merchant." : "Database already has data; seed skipped.");
}

void main();
