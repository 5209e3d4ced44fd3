"use client";
// What a page shows when rendering it failed unexpectedly, in the reader's language: a retry, a
// way back to the list, and the digest that matches the server's log line (nothing else about
// the error leaves the server).
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";

export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("ErrorPage");
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <div role="alert" className="space-y-3 rounded-md border border-red-300 bg-red-50 px-4 py-4 text-red-900">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p>{t("body")}</p>
      {digest ? <p className="font-mono text-xs">{t("reference", { digest })}</p> : null}
      <div className="flex flex-wrap items-center gap-4">
        <Button variant="danger" onClick={() => retry()}>
          {t("retry")}
        </Button>
        <Link href="/incidents" className="inline-flex min-h-11 items-center underline underline-offset-2">
          {t("home")}
        </Link>
      </div>
    </div>
  );
}
