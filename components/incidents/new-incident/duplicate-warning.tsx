// The server found an open incident that looks like this one (same RRN, or same terminal, card
// and amount minutes apart): link to it, and offer to log this one anyway — the same form sent
// again with confirmDuplicate=true, which works without JavaScript too.
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { CONFIRM_DUPLICATE_FIELD } from "@/lib/schemas/incident-form";

export function DuplicateWarning({
  duplicates,
  pending,
}: {
  duplicates: { id: string; reference: string }[];
  pending: boolean;
}) {
  const t = useTranslations("NewIncident.duplicate");
  return (
    <span data-testid="duplicate-warning" className="flex flex-col items-start gap-2">
      {duplicates.map((duplicate) => (
        <span key={duplicate.id}>
          {t.rich("message", {
            reference: duplicate.reference,
            link: (chunks) => (
              <a href={`/incidents/${duplicate.id}`} className="font-semibold underline underline-offset-2">
                {chunks}
              </a>
            ),
          })}
        </span>
      ))}
      <SubmitButton pending={pending} variant="secondary" name={CONFIRM_DUPLICATE_FIELD} value="true">
        {t("logAnyway")}
      </SubmitButton>
    </span>
  );
}
