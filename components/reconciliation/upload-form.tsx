"use client";
// Finance imports a file: kind, saved format (optional), file. Without JavaScript (or before it
// has loaded) a plain multipart POST to the API, which answers a browser's page request with a
// redirect to the import's page or back to /reconciliation naming the problem
// (lib/reconciliation/imports/upload-page-answer.ts); the saved formats are then offered grouped
// by kind, since nothing filters them. With JavaScript, the file goes through XMLHttpRequest
// (upload progress, JSON answers), then the import is followed to its end (ImportTracker). 413
// says the limit, 422 lists the lines to fix, the same file again links to the earlier import.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useId, useRef, useState } from "react";
import { type ApiErrorBody, uploadForm } from "@/components/reconciliation/api";
import { ImportTracker } from "@/components/reconciliation/import-tracker";
import { type RowErrorData, useRowErrorText } from "@/components/reconciliation/row-error-text";
import { RowErrorsTable } from "@/components/reconciliation/row-errors-table";
import { SubmitButton } from "@/components/ui/button";
import { controlAria, controlClass, FieldError, hintClass, Label } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { ReconFormatDto } from "@/lib/reconciliation/formats/schema";
import type { ImportDto } from "@/lib/reconciliation/imports/serialize-import";
import { IMPORT_TYPES, type ImportType } from "@/lib/reconciliation/types";

const UPLOAD_URL = "/api/reconciliation/imports";

type Outcome =
  | { kind: "idle" }
  | { kind: "uploading"; fraction: number }
  | { kind: "tracking"; item: ImportDto }
  | { kind: "duplicate"; item: ImportDto }
  | { kind: "refused"; message: string; errors: RowErrorData[]; errorCount: number }
  | { kind: "failed"; message: string };

type RefusedBody = ApiErrorBody & { error: { errorCount?: number }; errors?: RowErrorData[] };

/** The outcome with a refused pick: nothing, unless an import is still being followed. */
function keepTracking(current: Outcome): Outcome {
  return current.kind === "tracking" ? current : { kind: "idle" };
}

export function UploadForm({
  formats,
  limitText,
  limitBytes,
  onImported,
}: {
  formats: ReconFormatDto[];
  /** The size limit in words, e.g. "200 MB". */
  limitText: string;
  /** The server refuses larger files with 413; said before sending them (a browser cut off mid-upload hears no answer). */
  limitBytes: number;
  onImported?: () => void;
}) {
  const t = useTranslations("Reconciliation");
  const format = useFormatter();
  const wordErrors = useRowErrorText();
  const id = useId();
  const [type, setType] = useState<ImportType>("pos_journal");
  const [fileError, setFileError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const feedbackRef = useRef<HTMLDivElement>(null);
  const hydrated = useHydrated();
  const offered = formats.filter((saved) => saved.type === type);
  const busy = outcome.kind === "uploading";

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    // (the answer to an earlier upload goes: it is not about this file — but an import still
    // followed stays, or its end would go unseen)
    if (!(file instanceof File) || file.size === 0) {
      // A chosen file of no bytes has a name; none chosen has none.
      setFileError(
        file instanceof File && file.name !== "" ? t("upload.fileEmpty", { name: file.name }) : t("upload.chooseFile"),
      );
      setOutcome(keepTracking);
      return;
    }
    if (file.size > limitBytes) {
      setFileError(t("upload.tooLarge", { limit: limitText }));
      setOutcome(keepTracking);
      return;
    }
    setFileError(undefined);
    if (!form.get("format")) form.delete("format");
    setOutcome({ kind: "uploading", fraction: 0 });
    const answer = await uploadForm<{ import: ImportDto; duplicate?: boolean } & RefusedBody>(
      UPLOAD_URL,
      form,
      (fraction) => setOutcome({ kind: "uploading", fraction }),
    );
    const body = answer.body;
    if ((answer.status === 202 || answer.status === 200) && body?.import) {
      setOutcome(body.duplicate ? { kind: "duplicate", item: body.import } : { kind: "tracking", item: body.import });
      onImported?.();
    } else if (answer.status === 422 && body?.errors) {
      setOutcome({
        kind: "refused",
        message: body.error.message,
        errors: body.errors,
        errorCount: body.error.errorCount ?? body.errors.length,
      });
    } else {
      setOutcome({ kind: "failed", message: body?.error?.message ?? t("upload.unreachable") });
    }
    requestAnimationFrame(() => feedbackRef.current?.focus());
  }

  return (
    <form
      method="post"
      action={UPLOAD_URL}
      encType="multipart/form-data"
      onSubmit={onSubmit}
      noValidate
      className="space-y-4"
      data-testid="upload-form"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          id={`${id}-type`}
          name="type"
          label={t("upload.type")}
          error={undefined}
          required
          value={type}
          onChange={(event) => setType(event.target.value as ImportType)}
        >
          {IMPORT_TYPES.map((value) => (
            <option key={value} value={value}>
              {t(`types.${value}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`${id}-format`}
          name="format"
          label={t("upload.format")}
          hint={t("upload.formatHint")}
          error={undefined}
          key={type}
          defaultValue=""
        >
          <option value="">{t("upload.formatNone")}</option>
          {hydrated
            ? offered.map((saved) => (
                <option key={saved.id} value={saved.id}>
                  {saved.name}
                </option>
              ))
            : IMPORT_TYPES.map((kind) => {
                const ofKind = formats.filter((saved) => saved.type === kind);
                return ofKind.length === 0 ? null : (
                  <optgroup key={kind} label={t(`types.${kind}`)}>
                    {ofKind.map((saved) => (
                      <option key={saved.id} value={saved.id}>
                        {saved.name}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
        </SelectField>
      </div>
      <div>
        <Label htmlFor={`${id}-file`} required>
          {t("upload.file")}
        </Label>
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          required
          accept=".csv,.txt,.tsv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          {...controlAria(`${id}-file`, { hint: true, error: fileError })}
          className={`${controlClass} file:mr-3 file:min-h-9 file:rounded file:border-0 file:bg-slate-100 file:px-3`}
          onChange={() => setFileError(undefined)}
        />
        <p id={`${id}-file-hint`} className={hintClass}>
          {t("upload.fileHint", { limit: limitText })}
        </p>
        <FieldError id={`${id}-file-error`} message={fileError} testId="upload-file-error" />
      </div>
      <SubmitButton pending={busy} pendingLabel={t("upload.uploading")}>
        {t("upload.submit")}
      </SubmitButton>

      <div ref={feedbackRef} tabIndex={-1} className="space-y-3 focus:outline-none" data-testid="upload-feedback">
        {outcome.kind === "uploading" ? (
          <div className="space-y-1">
            <label htmlFor={`${id}-upload`} className="block text-sm font-medium text-slate-800">
              {t("upload.uploadProgress")}
            </label>
            <progress id={`${id}-upload`} max={1} value={outcome.fraction} className="h-3 w-full" />
            <p aria-live="polite" className="text-sm tabular-nums text-slate-700">
              {format.number(outcome.fraction, { style: "percent" })}
            </p>
          </div>
        ) : null}
        {outcome.kind === "tracking" ? (
          <ImportTracker key={outcome.item.id} initial={outcome.item} onFinished={() => onImported?.()} />
        ) : null}
        {outcome.kind === "duplicate" ? (
          <p
            role="status"
            className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950"
            data-testid="upload-duplicate"
          >
            {t("upload.duplicate", {
              date: format.dateTime(new Date(outcome.item.createdAt), { dateStyle: "medium", timeStyle: "short" }),
            })}{" "}
            <Link
              href={`/reconciliation/imports/${outcome.item.id}`}
              className="inline-flex min-h-11 items-center font-medium underline underline-offset-2"
            >
              {t("upload.openEarlier")}
            </Link>
          </p>
        ) : null}
        {outcome.kind === "refused" ? (
          <div role="alert" className="space-y-2" data-testid="upload-refused">
            <p className="font-medium text-red-800">{outcome.message}</p>
            <RowErrorsTable
              errors={wordErrors(outcome.errors)}
              total={outcome.errorCount}
              caption={t("upload.errorsCaption")}
            />
          </div>
        ) : null}
        {outcome.kind === "failed" ? (
          <p
            role="alert"
            className="rounded-md border border-red-300 bg-red-50 px-3 py-2 font-medium text-red-900"
            data-testid="upload-failed"
          >
            {outcome.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
