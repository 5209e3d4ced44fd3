"use client";
// The merchant's saved formats, each deletable after a confirmation (DELETE
// /api/reconciliation/formats/{id}); a format saved in the builder beside it appears here.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { callApi } from "@/components/reconciliation/api";
import { FormatBuilder } from "@/components/reconciliation/format-builder";
import { Button } from "@/components/ui/button";
import { Dialog, useDialog } from "@/components/ui/dialog";
import type { ReconFormatDto } from "@/lib/reconciliation/formats/schema";

export function FormatsManager({ initial, builderHeading }: { initial: ReconFormatDto[]; builderHeading: string }) {
  const t = useTranslations("Formats");
  const tTypes = useTranslations("Reconciliation.types");
  const tCommon = useTranslations("Common.errors");
  const [formats, setFormats] = useState(initial);
  const [doomed, setDoomed] = useState<ReconFormatDto | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const dialog = useDialog();

  async function confirmDelete() {
    if (!doomed) return;
    const answer = await callApi<null>(`/api/reconciliation/formats/${doomed.id}`, { method: "DELETE" });
    dialog.close();
    if (answer.ok || answer.status === 404) {
      setFormats((current) => current.filter((format) => format.id !== doomed.id));
      setNotice(t("list.deleted", { name: doomed.name }));
    } else {
      setNotice(answer.body?.error.message ?? tCommon("generic"));
    }
    setDoomed(null);
  }

  return (
    <div className="space-y-6">
      <section aria-labelledby="formats-heading" className="space-y-2">
        <h2 id="formats-heading" className="text-lg font-semibold">
          {t("list.heading")}
        </h2>
        <p aria-live="polite" className="text-sm font-medium empty:hidden">
          {notice}
        </p>
        {formats.length === 0 ? (
          <p className="text-slate-600">{t("list.empty")}</p>
        ) : (
          <ul
            className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
            data-testid="formats-list"
          >
            {formats.map((format) => (
              <li key={format.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
                <span className="min-w-0 flex-1 break-words font-medium">{format.name}</span>
                <span className="text-sm text-slate-700">{tTypes(format.type)}</span>
                <Button
                  variant="danger"
                  onClick={() => {
                    setDoomed(format);
                    dialog.show();
                  }}
                  aria-label={`${t("list.delete")}: ${format.name}`}
                >
                  {t("list.delete")}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section
        aria-labelledby="format-builder-heading"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="format-builder-heading" className="text-lg font-semibold">
          {builderHeading}
        </h2>
        <FormatBuilder
          onSaved={(format) =>
            setFormats((current) => [...current, format].sort((a, b) => a.name.localeCompare(b.name)))
          }
        />
      </section>
      <Dialog
        dialogRef={dialog.ref}
        id="delete-format"
        title={t("list.confirmTitle", { name: doomed?.name ?? "" })}
        cancelLabel={t("list.cancel")}
        actions={
          <Button variant="dangerSolid" onClick={confirmDelete}>
            {t("list.delete")}
          </Button>
        }
      >
        {t("list.confirmBody")}
      </Dialog>
    </div>
  );
}
