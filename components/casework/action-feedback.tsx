"use client";
// The outcome of a casework form: the kit's feedback, and for a stale version (someone else
// changed the incident) a reload, which renders the current state and version.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { type FieldProblem, FormFeedback } from "@/components/ui/form-feedback";
import type { ActionState } from "@/lib/api/action-result";

export function ActionFeedback({
  state,
  message,
  problems,
}: {
  state: ActionState;
  message: string | null;
  problems: FieldProblem[];
}) {
  const t = useTranslations("IncidentDetail.errors");
  const router = useRouter();
  const [reloading, startReload] = useTransition();
  const conflict = state && !state.ok && state.code === "CONFLICT";
  return (
    <FormFeedback state={state} message={message} problems={problems} testId="action-error">
      {conflict ? (
        <Button variant="secondary" disabled={reloading} onClick={() => startReload(() => router.refresh())}>
          {t("reload")}
        </Button>
      ) : null}
    </FormFeedback>
  );
}
