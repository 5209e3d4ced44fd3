"use client";
// The browser's side of the reconciliation API: JSON reads and writes with the error body kept,
// and the upload through XMLHttpRequest (fetch reports no upload progress).

/** The API's error body (lib/api/respond.ts), message already in the reader's language. */
export interface ApiErrorBody {
  error: {
    code: string;
    reason: string;
    params?: Record<string, string | number>;
    message: string;
    fields?: Record<string, string>;
  };
}

export type ApiResult<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; body: ApiErrorBody | null }
  | { ok: false; status: 0; body: null };

export async function callApi<T>(url: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: "application/json", ...init.headers } });
  } catch {
    return { ok: false, status: 0, body: null };
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (response.ok) return { ok: true, status: response.status, body: body as T };
  return { ok: false, status: response.status, body: body as ApiErrorBody | null };
}

export function postJson<T>(url: string, data: unknown): Promise<ApiResult<T>> {
  return callApi<T>(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(data),
  });
}

/** Sends a form with XMLHttpRequest, reporting the upload's progress (0–1). */
export function uploadForm<T>(
  url: string,
  form: FormData,
  onProgress: (fraction: number) => void,
): Promise<{ status: number; body: T | null }> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("accept", "application/json");
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    request.addEventListener("load", () => {
      let body: T | null = null;
      try {
        body = request.responseText ? (JSON.parse(request.responseText) as T) : null;
      } catch {
        body = null;
      }
      resolve({ status: request.status, body });
    });
    request.addEventListener("error", () => resolve({ status: 0, body: null }));
    request.addEventListener("abort", () => resolve({ status: 0, body: null }));
    request.send(form);
  });
}
