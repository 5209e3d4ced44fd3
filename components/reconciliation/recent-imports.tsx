"use client";
// The merchant's latest imports with their status, newest first (GET /api/reconciliation/imports),
// read again whenever `version` changes (an upload was answered or finished).
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { callApi } from "@/components/reconciliation/api";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ImportDto } from "@/lib/reconciliation/imports/serialize-import";

const TONE = {
  queued: "muted",
  parsing: "info",
  matching: "info",
  done: "success",
  failed: "danger",
  withdrawing: "info",
  withdrawn: "muted",
} as const satisfies Record<ImportDto["status"], BadgeTone>;

/** Shown on the page; the API lists more. */
const SHOWN = 10;

export function RecentImports({ version }: { version: number }) {
  const t = useTranslations("Reconciliation");
  const format = useFormatter();
  const [imports, setImports] = useState<ImportDto[] | null>(null);
  const [failed, setFailed] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the signal to read again.
  useEffect(() => {
    let current = true;
    callApi<{ imports: ImportDto[] }>("/api/reconciliation/imports").then((answer) => {
      if (!current) return;
      setFailed(!answer.ok);
      if (answer.ok) setImports(answer.body.imports.slice(0, SHOWN));
    });
    return () => {
      current = false;
    };
  }, [version]);

  return (
    <section aria-labelledby="recent-imports-heading" className="space-y-2">
      <h2 id="recent-imports-heading" className="text-lg font-semibold">
        {t("imports.heading")}
      </h2>
      {failed ? (
        <p role="alert" className="text-red-800">
          {t("imports.failedToLoad")}
        </p>
      ) : imports === null ? (
        <p className="text-slate-600">{t("imports.loading")}</p>
      ) : imports.length === 0 ? (
        <p className="text-slate-600">{t("imports.empty")}</p>
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
          data-testid="recent-imports"
        >
          {imports.map((item) => (
            <li key={item.id}>
              <Link
                href={`/reconciliation/imports/${item.id}`}
                className="flex min-h-11 flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
              >
                {/* A phone gives the name a line of its own, whole: files of a day differ at the end. */}
                <span className="min-w-0 basis-full break-all font-medium text-blue-800 underline underline-offset-2 sm:flex-1 sm:basis-0 sm:truncate">
                  {item.fileName}
                </span>
                <span className="text-sm text-slate-700">{t(`types.${item.type}`)}</span>
                <Badge tone={TONE[item.status]} data-testid="import-status-badge">
                  {t(`status.${item.status}`)}
                </Badge>
                <span className="text-sm tabular-nums text-slate-600">
                  {format.dateTime(new Date(item.createdAt), { dateStyle: "short", timeStyle: "short" })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
