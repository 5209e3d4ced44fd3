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
  /**
   * Failed sign-ins on one account from one source address before each further attempt waits
   * (5 s, doubling); other limits derive from it (lib/auth/throttle-policy.ts).
   */
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  /** The longest wait between sign-in attempts from a failing source address. */
  SIGN_IN_MAX_DELAY_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
  /**
   * Where the client's address comes from (lib/auth/client-address.ts): unset or "none" = no
   * proxy, forwarding headers are ignored; "1", "2", … = that many reverse proxies in front, each
   * appending to X-Forwarded-For (the client is that many entries from the right);
   * "x-real-ip" = one proxy that sets X-Real-IP.
   */
  TRUSTED_PROXY: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(|none|x-real-ip|[1-9])$/, 'Use "none", "x-real-ip" or a number of proxies from 1 to 9.')
    .default("none"),
  /** Largest JSON request body the API reads, in bytes; a larger one answers 413 unread. */
  API_JSON_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
});

export type Env = z.infer<typeof envSchema>;

export const env: Env = envSchema.parse(process.env);
