// Runs one import job in a process of its own, for the test that kills it mid-way
// (reconciliation-import-killed.test.ts): `node --conditions=react-server --import tsx <this file> <importId>`.
import { runImport } from "@/lib/reconciliation/import/run-import";

const importId = process.argv[2];
if (!importId) throw new Error("usage: reconciliation-import-child.ts <importId>");
// (tsx compiles this file as CommonJS: no top-level await.)
runImport(importId, { heartbeat: async () => {} }).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
