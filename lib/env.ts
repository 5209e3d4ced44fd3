// The one place that reads process.env: validated once, typed everywhere else.
import { z } from "zod";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1).default("file:./data/slipcase.db"),
  BETTER_AUTH_SECRET: z.string().min(32).optional(),
  BETTER_AUTH_URL: z.string().url().optional(),
  /** PostgreSQL connections per app instance (instances × pool must stay under max_connections). */
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  PORT: z.coerce.number().int().positive().default(3000),
  SEED_DEMO: z.string().default("1"),
  DEMO_PASSWORD: z.string().min(8).default("slipcase-demo-2026"),
  /** Failed sign-ins in a row before the account is locked, and for how long. */
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  SIGN_IN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  /** Largest JSON request body the API reads, in bytes; a larger one answers 413 unread. */
  API_JSON_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
});

export type Env = z.infer<typeof envSchema>;

export const env: Env = envSchema.parse(process.env);
