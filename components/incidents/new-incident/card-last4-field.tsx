// The card's last 4 digits: all of the card the form ever asks for.
import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui/input";

export function CardLast4Field({
  id,
  initial,
  error,
}: {
  id: string;
  initial: string | undefined;
  error: string | undefined;
}) {
  const t = useTranslations("NewIncident");
  return (
    <TextField
      id={id}
      name="cardLast4"
      label={t("cardLast4")}
      hint={t("cardLast4Hint")}
      error={error}
      errorTestId="error-cardLast4"
      defaultValue={initial}
      inputMode="numeric"
      pattern="\d{4}"
      autoComplete="off"
      maxLength={4}
      className="h-12 max-w-40 font-mono tracking-widest"
    />
  );
}
