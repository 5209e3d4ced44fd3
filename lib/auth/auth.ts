// better-auth over the Prisma client: email + password, sessions in the database, argon2id.
// Its HTTP handler is not mounted: our own routes call auth.api so that lock-out and the
// generic error live in lib/auth/sign-in.ts. Sign-up is closed; admins create users.
import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { authSecret } from "@/lib/auth/secret";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";

export const auth = betterAuth({
  database: prismaAdapter(prisma, { provider: "sqlite" }),
  secret: authSecret(),
  baseURL: env.BETTER_AUTH_URL ?? `http://localhost:${env.PORT}`,
  telemetry: { enabled: false },
  emailAndPassword: {
    enabled: true,
    disableSignUp: true,
    minPasswordLength: 8,
    password: { hash: hashPassword, verify: verifyPassword },
  },
  session: {
    expiresIn: 60 * 60 * 12, // a shift and a half
    updateAge: 60 * 60,
  },
  advanced: {
    defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
  },
});
