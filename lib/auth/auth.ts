// better-auth over the Prisma client: email + password, sessions in the database, argon2id.
// Its HTTP handler is not mounted: our own routes call auth.api so that throttling and the
// generic error live in lib/auth/sign-in.ts. Sign-up is closed; admins create users. Session
// tokens are stored hashed (lib/auth/hashed-session-tokens.ts); the session row records the
// address we trust (lib/auth/client-address.ts), not better-auth's own reading of the headers.
import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { clientAddress } from "@/lib/auth/client-address";
import { withHashedSessionTokens } from "@/lib/auth/hashed-session-tokens";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { authSecret } from "@/lib/auth/secret";
import { sessionIpAddress, sessionUserAgent } from "@/lib/auth/session-client-info";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";

export const auth = betterAuth({
  database: withHashedSessionTokens(prismaAdapter(prisma, { provider: "sqlite" })),
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
  databaseHooks: {
    session: {
      create: {
        before: async (session, context) => {
          const headers = context?.headers ?? context?.request?.headers;
          return {
            data: {
              ...session,
              userAgent: sessionUserAgent(headers?.get("user-agent") ?? session.userAgent),
              ipAddress: sessionIpAddress(headers ? clientAddress(headers, env.TRUSTED_PROXY) : null),
            },
          };
        },
      },
    },
  },
  advanced: {
    defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    // Addresses come from clientAddress and the TRUSTED_PROXY setting, nowhere else.
    ipAddress: { disableIpTracking: true },
  },
});
