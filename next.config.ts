import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  // Every messages/<locale>/*.json is compiled at build time (ICU → icu-minify's compact form),
  // so the browser formats without the ICU parser (~9 KB gzipped on every page) and parses no
  // message at hydration. lib/i18n/precompiled-messages.test.ts checks that each message formats
  // the same compiled as parsed at run time (tests and scripts, outside the build, still parse).
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

const nextConfig: NextConfig = {
  // Native and WASM-backed server packages stay outside the bundle.
  // pdfmake (issue 10's audit report) brings pdfkit and fontkit, which read their own data files.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@prisma/adapter-better-sqlite3", "pdfmake"],
  // The end-to-end suite builds into its own folder so it never clashes with a dev server.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
