// A job worker that runs one import the way the job does (runImportInChild), for the test that
// kills the worker and expects the import's own process to end with it
// (reconciliation-import-process.test.ts): `node --conditions=react-server --import tsx <this file> <importId>`.
import { runImportInChild } from "@/lib/reconciliation/import/run-import-in-child";

const importId = process.argv[2];
if (!importId) throw new Error("usage: reconciliation-import-parent.ts <importId>");
runImportInChild(importId, null).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
