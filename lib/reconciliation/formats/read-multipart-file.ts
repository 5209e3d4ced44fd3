// One file field of a small multipart body (the preview's), refused with 413 once the body passes
// the limit — at once when Content-Length says so, else while it streams — so an oversized body is
// never buffered whole. The upload of whole files has its own streaming path (the lead's spool).
import "server-only";
import { AppError } from "@/lib/errors/app-error";

function tooLarge(limit: number): AppError {
  const message = { reason: "BODY_TOO_LARGE", params: { limit } } as const;
  return new AppError("PAYLOAD_TOO_LARGE", message, { file: message });
}

class BodyTooLarge extends Error {}

export async function readMultipartFile(
  request: Request,
  { field, limitBytes }: { field: string; limitBytes: number },
): Promise<File> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;/i.test(contentType)) {
    const required = { reason: "REQUIRED" } as const;
    throw new AppError("BAD_REQUEST", { reason: "MULTIPART_UNREADABLE" }, { [field]: required });
  }
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limitBytes) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge(limitBytes);
  }
  let size = 0;
  const counted = request.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > limitBytes) controller.error(new BodyTooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  let form: FormData;
  try {
    form = await new Request("http://local/", {
      method: "POST",
      headers: { "content-type": contentType },
      body: counted ?? null,
      duplex: "half",
    } as RequestInit).formData();
  } catch {
    if (size > limitBytes) throw tooLarge(limitBytes);
    throw new AppError("BAD_REQUEST", { reason: "MULTIPART_UNREADABLE" });
  }
  const file = form.get(field);
  if (file instanceof File && file.size === 0 && file.name !== "") {
    // A chosen file with no bytes, told apart from none chosen (a part with no name) as the import does.
    const empty = { reason: "FILE_EMPTY" } as const;
    throw new AppError("BAD_REQUEST", empty, { [field]: empty });
  }
  if (!(file instanceof File) || file.size === 0) {
    const required = { reason: "REQUIRED" } as const;
    throw new AppError("BAD_REQUEST", { reason: "INVALID_INPUT", params: { field, others: 0 } }, { [field]: required });
  }
  return file;
}
