// Reads a multipart upload as it streams in: the one file goes straight into the spool (hashed,
// counted, card numbers masked — lib/reconciliation/spool.ts), the few text fields are kept. Never
// buffers the file: a 200 MB upload costs the memory of one chunk. A body announced larger than
// the limit is refused before a byte is read; one that turns out larger, as soon as it passes it.
import "server-only";
import { Readable } from "node:stream";
import busboy from "busboy";
import { AppError } from "@/lib/errors/app-error";
import { storedFileName } from "@/lib/reconciliation/imports/file-name";
import { discardTmp, type ReceivedSpool, receiveSpool, tooLarge } from "@/lib/reconciliation/spool";

export interface Upload {
  fields: Record<string, string>;
  file: (ReceivedSpool & { fileName: string }) | null;
}

/** Room for the multipart boundaries and the text fields around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

function givenTwice(field: string): AppError {
  const message = { reason: "GIVEN_TWICE" } as const;
  return new AppError("BAD_REQUEST", message, { [field]: message });
}

function unreadable(): AppError {
  const message = { reason: "MULTIPART_UNREADABLE" } as const;
  return new AppError("BAD_REQUEST", message, { body: message });
}

export async function readUpload(request: Request, { limitBytes }: { limitBytes: number }): Promise<Upload> {
  const declared = request.headers.get("content-length");
  if (declared && /^\d+$/.test(declared.trim()) && Number(declared) > limitBytes + MULTIPART_OVERHEAD) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge(limitBytes);
  }
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data") || !request.body) {
    const message = { reason: "UPLOAD_NOT_MULTIPART" } as const;
    throw new AppError("BAD_REQUEST", message, { body: message });
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // One byte over the limit reaches the spool, which refuses it: a truncated file never passes.
      limits: { files: 4, fields: 20, fieldSize: 4096, fileSize: limitBytes + 1, parts: 40 },
      defParamCharset: "utf8",
    });
  } catch {
    throw unreadable();
  }

  const fields: Record<string, string> = {};
  let received: Promise<ReceivedSpool & { fileName: string }> | null = null;
  const done = new Promise<void>((resolve, reject) => {
    // Refused as soon as it is seen: the rest of the body is not read.
    const refuse = (error: AppError) => {
      reject(error);
      parser.destroy();
    };
    parser.on("field", (name, value) => {
      // Two values for one field would leave one of them silently unused.
      if (Object.hasOwn(fields, name)) refuse(givenTwice(name));
      else fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      // A body cut short errors the part being read; that is answered once, as the form's error
      // below — never left as an unhandled 'error' event while the spool is still being opened.
      stream.on("error", () => {});
      if (name !== "file") {
        stream.resume();
        return;
      }
      if (received) {
        stream.resume();
        refuse(givenTwice("file"));
        return;
      }
      const fileName = storedFileName(info.filename ?? "");
      if (fileName === null) {
        stream.resume();
        const message = { reason: "FILE_NAME_NOT_TEXT" } as const;
        refuse(new AppError("BAD_REQUEST", message, { file: message }));
        return;
      }
      received = receiveSpool(stream, { limitBytes }).then(
        (spool) => ({ ...spool, fileName }),
        (error: unknown) => {
          // A refused file (too large) ends the upload at once: the rest of the body is not read.
          reject(error);
          parser.destroy();
          throw error;
        },
      );
      // Keep the rejection for the await below, not as an unhandled one.
      received.catch(() => {});
    });
    parser.on("filesLimit", () => refuse(unreadable()));
    parser.on("error", () => reject(unreadable()));
    parser.on("close", () => resolve());
  });
  const body = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>);
  body.on("error", () => parser.destroy());
  body.pipe(parser);

  try {
    await done;
  } catch (error) {
    body.destroy();
    // The file may have been partly received: its temporary file must not stay behind.
    if (received) await (received as Promise<ReceivedSpool>).then((spool) => discardTmp(spool.tmpPath)).catch(() => {});
    throw error;
  }
  return { fields, file: received ? await received : null };
}
