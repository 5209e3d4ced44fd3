// Imported first by the reconciliation-import tests: a spool folder of the test file's own, set
// before lib/env reads the environment (its module runs before any module that imports lib/).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

process.env.UPLOAD_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "slipcase-spool-"));
