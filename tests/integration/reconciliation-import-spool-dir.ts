// Imported first by the reconciliation-import tests: a spool folder of the test file's own, set
// before lib/env reads the environment (its module runs before any module that imports lib/),
// removed when the test file's process ends.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slipcase-spool-"));
process.env.UPLOAD_DIR = dir;
process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
