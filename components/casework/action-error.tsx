"use client";
// The message for a failed casework action. A stale version (someone else changed the incident)
// offers a reload, which renders the current state and version.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import type { ActionFailure } from "@/lib/api/server-action";

export function useActionErrorText() {
  const t = useTranslations("IncidentDetail.errors");
  return (failure: ActionFailure): string => {
    switch (failure.code) {
      case "CONFLICT":
        return t("conflict");
      case "FORBIDDEN":
        return t("forbidden");
      case "NOT_FOUND":
        return t("notFound");
      case "UNAUTHENTICATED":
        return t("signedOut");
      case "INTERNAL":
        return t("generic");
      case "BAD_REQUEST":
      case "RULE_VIOLATION":
      case "LOCKED":
      case "PAYLOAD_TOO_LARGE":
      case "DUPLICATE_SUSPECTED":
        if (failure.fields.note) return t("noteRequired");
        if (failure.fields.contactMethod) return t("contactMethodRequired");
        if (failure.fields.identityVerified) return t("identityRequired");
        return failure.message;
      default:
        return failure.code satisfies never;
    }
  };
}

export function ActionError({ failure }: { failure: ActionFailure | null }) {
  const t = useTranslations("IncidentDetail.errors");
  const text = useActionErrorText();
  const router = useRouter();
  const [reloading, startReload] = useTransition();
  if (!failure) return null;
  return (
    <div
      role="alert"
      data-testid="action-error"
      data-error-code={failure.code}
      className="flex flex-wrap items-center gap-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900"
    >
      <span>{text(failure)}</span>
      {failure.code === "CONFLICT" ? (
        <button
          type="button"
          className="rounded border border-red-400 bg-white px-3 py-1 font-medium text-red-900 hover:bg-red-100 disabled:opacity-60"
          disabled={reloading}
          onClick={() => startReload(() => router.refresh())}
        >
          {t("reload")}
        </button>
      ) : null}
    </div>
  );
}
