// The audit export's rows, in the reader's language (issue 10): one row per timeline event with
// its incident's columns repeated, so an auditor can filter and sort the sheet by any of them,
// then the verification block (the chain's result, its first broken link, the signed checkpoint,
// who exported what). Every text cell people wrote goes through the card-number masking once
// more, whatever was stored; the app's own values (numbers, times, hashes, the checkpoint's
// signature) are written as they are. Pure: shared by the CSV and the PDF.

import { wordEvent } from "@/lib/audit/export/event-wording";
import type { ExportTranslator } from "@/lib/audit/export/messages";
import type { ExportIncident } from "@/lib/audit/export/read-incidents";
import type { CheckpointedChainReport } from "@/lib/audit/verify-chain-with";
import type { StoredCheckpoint } from "@/lib/audit/write-checkpoint";
import { maskPans } from "@/lib/card-data/mask-pan";
import type { IncidentKind as DbIncidentKind, Resolution as DbResolution } from "@/lib/generated/prisma/enums";
import { kindFromDb, resolutionFromDb } from "@/lib/incidents/codec";
import { referenceOf } from "@/lib/incidents/serialize";
import { formatMinor } from "@/lib/schemas/incident";

export const EVENT_COLUMNS = [
  "reference",
  "store",
  "terminal",
  "kind",
  "status",
  "occurredAt",
  "loggedAt",
  "reportedBy",
  "amount",
  "currency",
  "card",
  "rrn",
  "description",
  "resolution",
  "closedAt",
  "eventSeq",
  "eventAt",
  "eventType",
  "event",
  "actor",
  "note",
  "eventHash",
] as const;

/** "2026-03-10 18:30:05" on the merchant's clock: what a spreadsheet reads as a date and time. */
export function localTimeFormatter(timeZone: string): (date: Date) => string {
  const format = new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short", timeStyle: "medium" });
  return (date) => format.format(date);
}

/** BIN and last four at most, as stored (never more of a card number). */
export function maskedCard(bin: string | null, last4: string | null): string {
  if (bin && last4) return `${bin}******${last4}`;
  if (last4) return `****${last4}`;
  if (bin) return `${bin}******`;
  return "";
}

function parsed(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export interface RowContext {
  t: ExportTranslator;
  storeNames: Map<string, string>;
  time: (date: Date) => string;
}

/** The incident's words (kind, status, resolution), computed once for its rows. */
function incidentCells(incident: ExportIncident, { t, storeNames, time }: RowContext): string[] {
  return [
    referenceOf(incident.number),
    storeNames.get(incident.storeId) ?? "",
    incident.terminal,
    t(`Incident.kinds.${kindFromDb(incident.kind as DbIncidentKind)}`),
    t(`Incident.status.${incident.status}`),
    time(incident.occurredAt),
    time(incident.createdAt),
    incident.reportedBy ?? "",
    incident.amountMinor === null ? "" : formatMinor(incident.amountMinor),
    incident.currency,
    maskedCard(incident.cardBin, incident.cardLast4),
    incident.rrn ?? "",
    incident.description ?? "",
    incident.resolution ? t(`Incident.resolutions.${resolutionFromDb(incident.resolution as DbResolution)}`) : "",
    incident.closedAt ? time(incident.closedAt) : "",
  ];
}

/**
 * One row per event of the incident (one row with empty event cells if it had none). The text
 * cells — the incident's, masked once for all its rows, and each event's title, actor and note —
 * go through the masking; numbers, times, types and hashes are the app's own.
 */
export function incidentEventRows(incident: ExportIncident, context: RowContext): string[][] {
  const head = incidentCells(incident, context).map(maskPans);
  const formatIso = (iso: string) => context.time(new Date(iso));
  if (incident.events.length === 0) return [[...head, "", "", "", "", "", "", ""]];
  return incident.events.map((event) => {
    const { title, note } = wordEvent(
      context.t,
      { type: event.type, before: parsed(event.before), after: parsed(event.after) },
      formatIso,
    );
    return [
      ...head,
      String(event.seq),
      context.time(event.createdAt),
      event.type,
      maskPans(title),
      maskPans(event.actor ?? context.t("IncidentDetail.timeline.system")),
      maskPans(note),
      event.hash,
    ];
  });
}

/** The header row, in the reader's language. */
export function headerRow(t: ExportTranslator): string[] {
  return EVENT_COLUMNS.map((column) => t(`Audit.columns.${column}`));
}

/** The chain's verification in one sentence. */
export function verificationText(t: ExportTranslator, report: CheckpointedChainReport): string {
  if (report.brokenAt) {
    return t("Audit.verification.broken", { seq: report.brokenAt.seq, reason: report.brokenAt.reason });
  }
  const check = report.checkpoint;
  switch (check.status) {
    case "ok":
      return t("Audit.verification.intact", { events: report.events, seq: check.seq });
    case "none":
      return t("Audit.verification.intactNoCheckpoint", { events: report.events });
    case "forged":
      return t("Audit.verification.forged", { seq: check.seq });
    case "truncated":
      return t("Audit.verification.truncated", { seq: check.seq, end: check.chainEndsAt });
    case "mismatch":
      return t("Audit.verification.mismatch", { seq: check.seq });
    default:
      return check satisfies never;
  }
}

/** The verification block: label, value rows after the events. */
export function verificationRows({
  t,
  report,
  checkpoint,
  exportedBy,
  exportedAt,
  range,
  time,
}: {
  t: ExportTranslator;
  report: CheckpointedChainReport;
  checkpoint: StoredCheckpoint;
  exportedBy: string;
  exportedAt: Date;
  range: string;
  time: (date: Date) => string;
}): string[][] {
  const rows: string[][] = [
    [t("Audit.summary.verification"), report.ok ? t("Audit.summary.ok") : t("Audit.summary.failed")],
    [t("Audit.summary.result"), verificationText(t, report)],
    [t("Audit.summary.eventsChecked"), String(report.events)],
    [
      t("Audit.summary.firstBroken"),
      report.brokenAt ? `seq ${report.brokenAt.seq} · ${report.brokenAt.eventId} · ${report.brokenAt.reason}` : "—",
    ],
    [t("Audit.summary.checkpointSeq"), String(checkpoint.seq)],
    [t("Audit.summary.checkpointHash"), checkpoint.hash],
    [t("Audit.summary.checkpointAt"), `${checkpoint.at.toISOString()} (${time(checkpoint.at)})`],
    [t("Audit.summary.checkpointSignature"), checkpoint.signature],
    [t("Audit.summary.merchantId"), checkpoint.merchantId],
    // Names people typed (stores, the exporter) go through the masking once more; the hashes and
    // the signature never: a 64-digit hex value holds a Luhn-valid run of 13–19 digits about one
    // time in 250, and masked it no longer verifies (CI caught a checkpoint signature with stars).
    [t("Audit.summary.range"), maskPans(range)],
    [t("Audit.summary.exportedBy"), maskPans(exportedBy)],
    [t("Audit.summary.exportedAt"), time(exportedAt)],
  ];
  return rows;
}

/** "2026-11-01 – 2026-11-30 · Store 1" in words. */
export function rangeText(
  t: ExportTranslator,
  query: { from?: string; to?: string; storeId?: string },
  storeNames: Map<string, string>,
): string {
  const from = query.from ?? t("Audit.summary.beginning");
  const to = query.to ?? t("Audit.summary.now");
  const store = query.storeId ? (storeNames.get(query.storeId) ?? query.storeId) : t("Audit.summary.allStores");
  return `${from} – ${to} · ${store}`;
}
