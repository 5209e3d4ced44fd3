import { describe, expect, test } from "vitest";
import { csvStream } from "@/lib/http/csv-stream";

// ignoreBOM: keep the BOM in the decoded text (a plain decoder strips it), to see that it is sent.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const readAll = async (stream: ReadableStream<Uint8Array>) => decoder.decode(await new Response(stream).arrayBuffer());
const failure = { message: "test export failed", context: {} };

describe("csvStream", () => {
  test("sends the BOM and header first, then each chunk in order, then ends", async () => {
    const chunks = ["a,1\r\n", "b,2\r\n"];
    const stream = csvStream({ header: "name,n\r\n", nextChunk: async () => chunks.shift() ?? null, failure });
    const text = await readAll(stream);
    expect(text).toBe("\uFEFFname,n\r\na,1\r\nb,2\r\n");
  });

  test("reads the next chunk only when the reader has taken the last one", async () => {
    let reads = 0;
    const stream = csvStream({
      header: "h\r\n",
      nextChunk: async () => {
        reads += 1;
        return reads > 100 ? null : `${reads}\r\n`;
      },
      failure,
    });
    const reader = stream.getReader();
    expect(decoder.decode((await reader.read()).value)).toBe("\uFEFFh\r\n");
    expect(decoder.decode((await reader.read()).value)).toBe("1\r\n");
    // Give an eager producer every chance to run ahead.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reads).toBeLessThanOrEqual(2);
    await reader.cancel();
  });

  test("a failed read errors the stream instead of ending it as if whole", async () => {
    let calls = 0;
    const stream = csvStream({
      header: "h\r\n",
      nextChunk: async () => {
        calls += 1;
        if (calls === 2) throw new Error("database went away");
        return "row\r\n";
      },
      failure,
    });
    await expect(readAll(stream)).rejects.toThrow();
  });

  test("cancelling releases the reads", async () => {
    let released = false;
    const stream = csvStream({
      header: "h\r\n",
      nextChunk: async () => "row\r\n",
      onCancel: () => {
        released = true;
      },
      failure,
    });
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    expect(released).toBe(true);
  });
});
