// Imported (for its effect) by every client component that parses with a zod schema. zod 4 probes
// whether it may compile parsers with `Function(...)`; under the app's Content-Security-Policy
// (no 'unsafe-eval') that probe is a reported violation. Forms parse a handful of fields, so the
// interpreted parser is all they need.
import { z } from "zod";

z.config({ jitless: true });
