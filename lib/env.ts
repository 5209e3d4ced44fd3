// The one place that reads process.env: validated once, typed everywhere else.
import { z } from "zod";

const envObject = z.object({
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
  /**
   * Where uploaded reconciliation files wait for their import job (card numbers already masked).
   * Every instance must see the same folder (a shared volume when instances run on several hosts).
   */
  UPLOAD_DIR: z.string().min(1).default("./data/uploads"),
  /** Largest reconciliation file accepted, in bytes (default 200 MB); a larger one answers 413. */
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(200 * 1024 * 1024),
  /**
   * Files up to this size are checked in the upload request itself, so a bad one is refused with
   * 422 and its line errors before anything is stored; larger ones are checked by the job.
   */
  IMPORT_INLINE_CHECK_BYTES: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(5 * 1024 * 1024),
  /**
   * The heap limit, in MB, of the process each import job runs in (lib/reconciliation/import/
   * run-import-in-child.ts): a million-line journal or statement needs about 200; its resident
   * set stays near 150 MB above this.
   */
  IMPORT_HEAP_MB: z.coerce.number().int().min(64).default(320),
  /** "0" keeps this instance from running background jobs (lib/jobs); any other value runs them. */
  JOBS_WORKER: z.string().default("1"),
  /** How often an idle worker looks for a due job, in milliseconds. */
  JOB_POLL_MS: z.coerce.number().int().positive().default(1000),
  /** How long a claimed job is held without a heartbeat before another instance may take it over. */
  JOB_LEASE_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Issue 9: how often each instance's worker runs the deadline job (a passed deadline is noticed within this). */
  DEADLINE_SWEEP_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
  /** Reconciliation rule 3: a POS and a statement line of equal amount pair at most this many minutes apart. */
  RECON_WINDOW_MINUTES: z.coerce.number().int().positive().default(10),
  /** Two identical approved sales (terminal, card, amount) this many seconds apart make the later a duplicate. */
  RECON_DUPLICATE_WINDOW_SECONDS: z.coerce.number().int().positive().default(120),
  /** A settle date's net total is looked for in bank credits up to this many days after it. */
  RECON_CREDIT_WINDOW_DAYS: z.coerce.number().int().nonnegative().default(3),
  /** A POS line of day D is expected on a statement by settle date D + this many days (else pos_only). */
  RECON_SETTLE_LAG_DAYS: z.coerce.number().int().nonnegative().default(1),
  /**
   * The SMTP server notifications are mailed through (nodemailer), e.g. smtp://user:pass@host:587
   * or smtps://host:465; unset = in-app inbox only.
   */
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\/[^\s/]+(:\d+)?(\/.*)?$/, "Use smtp://[user:password@]host[:port] or smtps://…")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The sender of those e-mails, e.g. "Slipcase <slipcase@shop.example>"; needed when SMTP_URL is set. */
  SMTP_FROM: z
    .string()
    .trim()
    .regex(
      /^([^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/,
      'Use an address, or a name and one: "Slipcase <slipcase@shop.example>".',
    )
    .optional(),
  /**
   * Issue 10: the key the audit chain's checkpoints are signed with (HMAC-SHA256). Unset: derived
   * from the session secret (lib/audit/checkpoint-key.ts) — set it on its own so that rotating
   * BETTER_AUTH_SECRET does not make every earlier checkpoint fail to verify.
   */
  AUDIT_CHECKPOINT_KEY: z.string().min(32).optional(),
  /** Issue 10: how often each instance's worker queues the job that signs a checkpoint of every chain. */
  AUDIT_CHECKPOINT_MS: z.coerce.number().int().min(1000).default(3_600_000),
  /**
   * Issue 10, alert webhooks: "1" lets a webhook URL point at loopback, private, link-local and
   * other internal addresses (a receiver on the same host, the tests); anything else refuses them.
   */
  WEBHOOK_ALLOW_PRIVATE: z
    .string()
    .default("0")
    .transform((value) => value === "1"),
  /** The first wait before a failed webhook delivery is retried (then ×4, ×20, ×120, ×720; 8 attempts). */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30_000),
  /** How long one webhook attempt may take (connect, send, answer) before it counts as failed. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** The merchant's zone: the wall clock of its files and its "today". */
  MERCHANT_TIME_ZONE: z.string().min(1).default("Asia/Shanghai"),
});

const envSchema = envObject.refine((values) => !values.SMTP_URL || values.SMTP_FROM, {
  message: "SMTP_FROM is required when SMTP_URL is set.",
  path: ["SMTP_FROM"],
});

export type Env = z.infer<typeof envSchema>;

export const env: Env = envSchema.parse(process.env);
