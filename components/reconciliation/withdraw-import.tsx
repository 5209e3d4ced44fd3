"use client";
// "Withdraw this file": for a done import, after a confirmation that says what it does — the
// file's lines are taken out of the reconciliation and the rest matched again without them; the
// import stays listed as withdrawn; the same file may be imported again. DELETE
// /api/reconciliation/imports/{id}; the tracker then follows the withdrawal. A refusal (an
// incident cites its lines, another import is running, …) is shown as the API words it.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { callApi } from "@/components/reconciliation/api";
import { Button } from "@/components/ui/button";
import { Dialog, useDialog } from "@/components/ui/dialog";
import type { ImportDto } from "@/lib/reconciliation/imports/serialize-import";

export function WithdrawImport({ item, onWithdrawing }: { item: ImportDto; onWithdrawing: (item: ImportDto) => void }) {
  const t = useTranslations("Reconciliation.withdraw");
  const tCommon = useTranslations("Common.errors");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useDialog();

  async function confirm() {
    setBusy(true);
    const answer = await callApi<ImportDto>(`/api/reconciliation/imports/${item.id}`, { method: "DELETE" });
    setBusy(false);
    dialog.close();
    if (answer.ok) {
      setError(null);
      onWithdrawing(answer.body);
    } else {
      setError(answer.body?.error.message ?? tCommon("generic"));
    }
  }

  return (
    <section aria-labelledby="withdraw-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="withdraw-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <p className="text-sm text-slate-700">{t("explain")}</p>
      <Button variant="danger" onClick={() => dialog.show()} data-testid="withdraw-import">
        {t("button")}
      </Button>
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-700" data-testid="withdraw-error">
          {error}
        </p>
      ) : null}
      <Dialog
        dialogRef={dialog.ref}
        id="withdraw-import"
        title={t("confirmTitle", { file: item.fileName })}
        cancelLabel={t("cancel")}
        actions={
          <Button variant="dangerSolid" onClick={confirm} disabled={busy} data-testid="withdraw-confirm">
            {t("confirm")}
          </Button>
        }
      >
        <p>{t("confirmBody")}</p>
      </Dialog>
    </section>
  );
}
