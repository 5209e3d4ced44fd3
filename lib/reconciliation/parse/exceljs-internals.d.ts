// The two pieces of exceljs's streaming reader that read-xlsx.ts's FirstSheetReader uses to redo
// its parse(): neither ships its own types.
declare module "exceljs/lib/utils/iterate-stream" {
  /** A stream's chunks (or a zip's entries) as an async iterable, its 'error' thrown. */
  export default function iterateStream(stream: NodeJS.ReadableStream): AsyncGenerator<unknown>;
}

declare module "unzipper" {
  import type { Duplex } from "node:stream";
  /** A zip read as it streams: each entry pushed as a readable stream with its path. */
  export function Parse(options: { forceStream: true }): Duplex;
  const unzipper: { Parse: typeof Parse };
  export default unzipper;
}
