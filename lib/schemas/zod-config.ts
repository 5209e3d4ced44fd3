// Imported (for its effect) by every schema module, so it runs wherever zod parses — browser and
// server alike. zod 4 probes whether it may compile parsers with `Function(...)`; under the app's
// Content-Security-Policy (no 'unsafe-eval') that probe is a reported violation, even though zod
// catches the throw. Forms and handlers parse a handful of fields: the interpreted parser is enough.
import { z } from "zod";

z.config({ jitless: true });
