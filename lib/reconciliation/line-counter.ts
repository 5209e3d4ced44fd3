// Lines of an uploaded file, counted as its chunks stream into the spool. Pure.

/**
 * Counts a file's lines as its chunks pass: ended by LF, CRLF or a lone CR (old Mac exports), and
 * a last line without an ending. The progress bar's end before the file is parsed.
 */
export function createLineCounter() {
  let breaks = 0;
  let lastByte = -1;
  return {
    push(chunk: Buffer) {
      if (chunk.length === 0) return;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) {
        // the LF of a CRLF was counted with its CR
        if ((i > 0 ? chunk[i - 1] : lastByte) !== 13) breaks++;
      }
      for (let i = chunk.indexOf(13); i !== -1; i = chunk.indexOf(13, i + 1)) breaks++;
      lastByte = chunk[chunk.length - 1];
    },
    count(): number {
      return breaks + (lastByte !== -1 && lastByte !== 10 && lastByte !== 13 ? 1 : 0);
    },
  };
}
