"use client";
// "Save a format for this file": a sample file's first rows (POST /api/reconciliation/preview —
// only the head of a CSV is sent), the header row picked among them, each field mapped to a column,
// the date pattern, the amount unit and a name; saved with POST /api/reconciliation/formats. The
// server checks the whole form with the shared schema and answers every refused field at once.
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { callApi, postJson } from "@/components/reconciliation/api";
import { PreviewTable } from "@/components/reconciliation/preview-table";
import { Button, SubmitButton } from "@/components/ui/button";
import { controlAria, controlClass, FieldError, Label } from "@/components/ui/field";
import { FormFeedback } from "@/components/ui/form-feedback";
import { TextField } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select";
import {
  type FilePreviewDto,
  FORMAT_FIELDS,
  isRequiredField,
  PREVIEW_CSV_BYTES,
  type ReconFormatDto,
} from "@/lib/reconciliation/formats/schema";
import { AMOUNT_UNITS, IMPORT_TYPES, type ImportType } from "@/lib/reconciliation/types";

function isXlsx(file: File): boolean {
  return /\.xlsx$/i.test(file.name) || file.type.includes("spreadsheetml");
}

export function FormatBuilder({ onSaved }: { onSaved: (format: ReconFormatDto) => void }) {
  const t = useTranslations("Formats");
  const tTypes = useTranslations("Reconciliation.types");
  const tUpload = useTranslations("Reconciliation.upload");
  const tCommon = useTranslations("Common.errors");
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [type, setType] = useState<ImportType>("bank_credit");
  const [preview, setPreview] = useState<(FilePreviewDto & { fileName: string }) | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [previewError, setPreviewError] = useState<string | undefined>();
  const [headerLine, setHeaderLine] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);

  const headers = preview && headerLine ? (preview.rows[headerLine - 1] ?? []).filter((cell) => cell.trim()) : [];

  async function showPreview() {
    const input = formRef.current?.elements.namedItem("sample") as HTMLInputElement | null;
    const file = input?.files?.[0];
    if (!file) {
      setPreviewError(tUpload("chooseFile"));
      return;
    }
    setPreviewing(true);
    setPreviewError(undefined);
    const body = new FormData();
    body.set("file", isXlsx(file) ? file : file.slice(0, PREVIEW_CSV_BYTES), file.name);
    const answer = await callApi<FilePreviewDto>("/api/reconciliation/preview", { method: "POST", body });
    setPreviewing(false);
    if (!answer.ok) {
      setPreviewError(answer.body?.error.message ?? tCommon("generic"));
      return;
    }
    setPreview({ ...answer.body, fileName: file.name });
    setHeaderLine(answer.body.suggestedHeaderLine ?? 1);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const form = new FormData(event.currentTarget);
    const mapping: Record<string, string> = {};
    for (const field of FORMAT_FIELDS[type]) {
      const header = String(form.get(`map-${field}`) ?? "");
      if (header) mapping[field] = header;
    }
    setSaving(true);
    setSaved(null);
    const answer = await postJson<ReconFormatDto>("/api/reconciliation/formats", {
      name: String(form.get("name") ?? ""),
      type,
      mapping,
      datePattern: String(form.get("datePattern") ?? ""),
      amountUnit: String(form.get("amountUnit") ?? "yuan"),
      skipRows: Math.max(0, (headerLine ?? 1) - 1),
    });
    setSaving(false);
    if (answer.ok) {
      setFieldErrors({});
      setFailure(null);
      setSaved(t("builder.saved", { name: answer.body.name }));
      onSaved(answer.body);
      return;
    }
    setFieldErrors(answer.body?.error.fields ?? {});
    // The API names fields by their paths (for programs); the form points at them by their labels.
    setFailure(
      answer.body?.error.reason === "INVALID_INPUT"
        ? t("builder.checkFields")
        : (answer.body?.error.message ?? tCommon("generic")),
    );
    setFailures((count) => count + 1);
  }

  // After the refusal is on the page (the save button, disabled while saving, had the focus):
  // the summary takes it, each time.
  useEffect(() => {
    if (failures > 0) formRef.current?.querySelector<HTMLElement>("[data-error-summary]")?.focus();
  }, [failures]);

  const controlId = (path: string) => `${id}-${path.replace(".", "-")}`;
  const labelOf = (path: string) => {
    if (path.startsWith("mapping.")) return t(`fields.${path.slice("mapping.".length)}`);
    const labels: Record<string, string> = {
      type: t("builder.type"),
      datePattern: t("builder.datePattern"),
      amountUnit: t("builder.amountUnit"),
      name: t("builder.name"),
    };
    return labels[path] ?? null;
  };
  const problems = Object.entries(fieldErrors).map(([path, message]) => {
    const label = labelOf(path);
    return { id: controlId(path), message: label ? `${label}: ${message}` : message };
  });

  return (
    <form ref={formRef} method="post" onSubmit={onSubmit} noValidate className="space-y-4" data-testid="format-builder">
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          id={controlId("type")}
          name="type"
          label={t("builder.type")}
          error={fieldErrors.type}
          required
          value={type}
          onChange={(event) => setType(event.target.value as ImportType)}
        >
          {IMPORT_TYPES.map((value) => (
            <option key={value} value={value}>
              {tTypes(value)}
            </option>
          ))}
        </SelectField>
        <div>
          <Label htmlFor={controlId("sample")} required>
            {t("builder.file")}
          </Label>
          <input
            id={controlId("sample")}
            name="sample"
            type="file"
            accept=".csv,.txt,.tsv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            {...controlAria(controlId("sample"), { error: previewError })}
            className={`${controlClass} file:mr-3 file:min-h-9 file:rounded file:border-0 file:bg-slate-100 file:px-3`}
          />
          <FieldError id={`${controlId("sample")}-error`} message={previewError} />
        </div>
      </div>
      <Button onClick={showPreview} disabled={previewing}>
        {previewing ? t("builder.previewing") : t("builder.preview")}
      </Button>

      {preview ? (
        <>
          <PreviewTable
            rows={preview.rows}
            fileName={preview.fileName}
            headerLine={headerLine}
            onHeaderLine={setHeaderLine}
          />
          <fieldset className="min-w-0 space-y-3">
            <legend className="text-base font-semibold">{t("builder.mappingLegend")}</legend>
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {FORMAT_FIELDS[type].map((field) => (
                <SelectField
                  key={`${type}-${headerLine}-${field}`}
                  id={controlId(`mapping.${field}`)}
                  name={`map-${field}`}
                  label={t(`fields.${field}`)}
                  error={fieldErrors[`mapping.${field}`]}
                  required={isRequiredField(type, field)}
                  defaultValue=""
                >
                  <option value="">{t("builder.notMapped")}</option>
                  {headers.map((header) => (
                    <option key={header} value={header}>
                      {header}
                    </option>
                  ))}
                </SelectField>
              ))}
            </div>
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              id={controlId("datePattern")}
              name="datePattern"
              label={t("builder.datePattern")}
              hint={t("builder.datePatternHint")}
              error={fieldErrors.datePattern}
              autoComplete="off"
              spellCheck={false}
            />
            <SelectField
              id={controlId("amountUnit")}
              name="amountUnit"
              label={t("builder.amountUnit")}
              error={fieldErrors.amountUnit}
              defaultValue="yuan"
            >
              {AMOUNT_UNITS.map((unit) => (
                <option key={unit} value={unit}>
                  {t(`builder.${unit}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              id={controlId("name")}
              name="name"
              label={t("builder.name")}
              error={fieldErrors.name}
              required
              maxLength={60}
              autoComplete="off"
            />
          </div>
          <FormFeedback state={null} message={failure ?? undefined} problems={problems} testId="format-failure" />
          {saved ? (
            <p role="status" className="font-medium text-green-800" data-testid="format-saved">
              {saved}
            </p>
          ) : null}
          <SubmitButton pending={saving} pendingLabel={t("builder.saving")}>
            {t("builder.save")}
          </SubmitButton>
        </>
      ) : null}
    </form>
  );
}
