"use client";
// A reconciliation page that failed to render: said in the reader's language, with a retry.
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";

export default function ReconciliationError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("Common.errors");
  const tIncidents = useTranslations("IncidentList");
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-4 text-red-800">
      <p className="font-medium">{t("generic")}</p>
      {digest ? <p className="mt-1 font-mono text-xs">{digest}</p> : null}
      <Button variant="danger" onClick={() => retry()} className="mt-3">
        {tIncidents("retry")}
      </Button>
    </div>
  );
}
