// One deadline in words, under its step or the close: how long is left ("due in 5 hours"), or
// since when it is overdue (in red), or whether the work was done in time — with the due time itself.
import { getFormatter, getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/casework/local-time";
import type { IncidentDetailDto } from "@/lib/schemas/incident";

type Deadline = IncidentDetailDto["deadlines"][number];

export async function DeadlineNote({ deadline, done, now }: { deadline: Deadline; done: boolean; now: Date }) {
  const t = await getTranslations("IncidentDetail.deadlines");
  const format = await getFormatter();
  const due = new Date(deadline.dueAt);
  const relative = format.relativeTime(due, { now, unit: unitFor(Math.abs(due.getTime() - now.getTime())) });
  const [text, tone] = done
    ? deadline.status === "met"
      ? [t("met"), "text-green-800"]
      : [t("late"), "text-amber-800"]
    : deadline.status === "missed"
      ? [t("overdue", { relative }), "font-semibold text-red-700"]
      : [t("dueIn", { relative }), "text-slate-800"];
  return (
    <p className={`mt-1 text-sm ${tone}`} data-testid={`deadline-${deadline.step}`} data-status={deadline.status}>
      {text} · <LocalTime iso={deadline.dueAt} />
    </p>
  );
}

/** Minutes under an hour, hours under two days, else days (as the lists count down). */
function unitFor(ms: number): "minute" | "hour" | "day" {
  return ms < 3_600_000 ? "minute" : ms < 48 * 3_600_000 ? "hour" : "day";
}
