// GET /api/audit/export.pdf (issue 10): the audit record as a report an auditor reads, in English
// or Chinese — the verification of the chain and the signed checkpoint first, then each incident
// with its checklist and timeline — in the same words as the CSV and the incident page
// (lib/audit/export/export-rows.ts, event-wording.ts). Noto Sans SC from
// @expo-google-fonts/noto-sans-sc is embedded (subset by pdfkit), so Chinese renders in any
// reader. A PDF is laid out whole before its first byte, so it is bounded: a range of more than
// AUDIT_PDF_MAX_INCIDENTS incidents is refused with 422 naming the limit (the CSV streams any
// number), checked before the export is recorded.
import "server-only";
import path from "node:path";
import pdfmake from "pdfmake";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import { wordEvent } from "@/lib/audit/export/event-wording";
import {
  localTimeFormatter,
  maskedCard,
  rangeText,
  verificationRows,
  verificationText,
} from "@/lib/audit/export/export-rows";
import { AUDIT_PDF_MAX_INCIDENTS } from "@/lib/audit/export/limits";
import { exportTranslator } from "@/lib/audit/export/messages";
import { countExportIncidents, exportIncidentPages } from "@/lib/audit/export/read-incidents";
import { startAuditExport } from "@/lib/audit/export/start-export";
import { verifyChainAndCheckpoints } from "@/lib/audit/verify-chain";
import type { Actor } from "@/lib/auth/actor";
import { maskPans } from "@/lib/card-data/mask-pan";
import { AppError } from "@/lib/errors/app-error";
import type { IncidentKind as DbIncidentKind, Resolution as DbResolution } from "@/lib/generated/prisma/enums";
import type { Locale } from "@/lib/i18n/locales";
import { kindFromDb, resolutionFromDb } from "@/lib/incidents/codec";
import { referenceOf } from "@/lib/incidents/serialize";
import type { AuditExportQuery } from "@/lib/schemas/audit";
import { formatMinor } from "@/lib/schemas/incident";

export { AUDIT_PDF_MAX_INCIDENTS };

const FONT_DIR = path.join(process.cwd(), "node_modules", "@expo-google-fonts", "noto-sans-sc");
const FONT_FILES = {
  normal: path.join(FONT_DIR, "400Regular", "NotoSansSC_400Regular.ttf"),
  bold: path.join(FONT_DIR, "700Bold", "NotoSansSC_700Bold.ttf"),
};

// The report uses the embedded font only and reads no URL; local files: the two font files only.
pdfmake.setFonts({
  NotoSansSC: {
    normal: FONT_FILES.normal,
    bold: FONT_FILES.bold,
    italics: FONT_FILES.normal,
    bolditalics: FONT_FILES.bold,
  },
});
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => file === FONT_FILES.normal || file === FONT_FILES.bold);

export async function exportAuditPdf({
  actor,
  query,
  locale,
}: {
  actor: Actor;
  query: AuditExportQuery;
  locale: Locale;
}): Promise<{ pdf: Buffer; filename: string; incidents: number }> {
  const { lang: _lang, ...range } = query;
  let incidents = 0;
  const context = await startAuditExport({
    actor,
    query: range,
    format: "pdf",
    lang: locale,
    beforeRecording: async () => {
      incidents = await countExportIncidents(actor, range);
      if (incidents > AUDIT_PDF_MAX_INCIDENTS) {
        throw new AppError("RULE_VIOLATION", {
          reason: "AUDIT_PDF_TOO_MANY_INCIDENTS",
          params: { limit: AUDIT_PDF_MAX_INCIDENTS, count: incidents },
        });
      }
    },
  });
  const t = exportTranslator(locale);
  const time = localTimeFormatter(context.merchant.timeZone);
  const report = await verifyChainAndCheckpoints({ merchantId: actor.merchantId });
  const text = (value: string) => maskPans(value);

  const summary = verificationRows({
    t,
    report,
    checkpoint: context.checkpoint,
    exportedBy: actor.name,
    exportedAt: context.exportedAt,
    range: rangeText(t, range, context.storeNames),
    time,
  });

  const body: Content[] = [
    { text: t("Audit.pdf.title"), style: "title" },
    { text: `${t("Audit.pdf.merchant")}: ${text(context.merchant.name)}`, margin: [0, 0, 0, 2] },
    { text: t("Audit.pdf.timesIn", { zone: context.merchant.timeZone }), style: "muted", margin: [0, 0, 0, 8] },
    {
      text: verificationText(t, report),
      style: report.ok ? "verified" : "failed",
      margin: [0, 0, 0, 6],
    },
    {
      table: { widths: [150, "*"], body: summary.map(([label, value]) => [{ text: label, bold: true }, value]) },
      layout: "lightHorizontalLines",
      fontSize: 8,
      margin: [0, 0, 0, 12],
    },
    { text: `${t("Audit.pdf.incidents")} (${incidents})`, style: "heading" },
  ];
  if (incidents === 0) body.push({ text: t("Audit.pdf.noIncidents"), style: "muted" });

  const formatIso = (iso: string) => time(new Date(iso));
  for await (const page of exportIncidentPages(actor, range, { withSteps: true })) {
    for (const incident of page) {
      const kind = t(`Incident.kinds.${kindFromDb(incident.kind as DbIncidentKind)}`);
      const facts = [
        `${t("Audit.columns.store")}: ${context.storeNames.get(incident.storeId) ?? ""}`,
        `${t("Audit.columns.terminal")}: ${incident.terminal}`,
        `${t("Audit.columns.occurredAt")}: ${time(incident.occurredAt)}`,
        `${t("Audit.columns.loggedAt")}: ${time(incident.createdAt)}`,
        incident.reportedBy ? `${t("Audit.columns.reportedBy")}: ${incident.reportedBy}` : null,
        incident.amountMinor === null
          ? null
          : `${t("Audit.columns.amount")}: ${formatMinor(incident.amountMinor)} ${incident.currency}`,
        incident.cardBin || incident.cardLast4
          ? `${t("Audit.columns.card")}: ${maskedCard(incident.cardBin, incident.cardLast4)}`
          : null,
        incident.rrn ? `${t("Audit.columns.rrn")}: ${incident.rrn}` : null,
        incident.resolution
          ? `${t("Audit.columns.resolution")}: ${t(`Incident.resolutions.${resolutionFromDb(incident.resolution as DbResolution)}`)}`
          : null,
        incident.closedAt ? `${t("Audit.columns.closedAt")}: ${time(incident.closedAt)}` : null,
      ].filter((fact): fact is string => fact !== null);
      const checklist = incident.steps
        .map((step) => `${t(`Incident.steps.${step.key}`)}: ${t(`Incident.stepStatus.${step.status}`)}`)
        .join(" · ");
      const timeline = incident.events.map((event) => {
        const parse = (value: string | null) => (value === null ? null : (JSON.parse(value) as unknown));
        const { title, note } = wordEvent(
          t,
          { type: event.type, before: parse(event.before), after: parse(event.after) },
          formatIso,
        );
        return [
          String(event.seq),
          time(event.createdAt),
          text(note ? `${title}\n${note}` : title),
          text(event.actor ?? t("IncidentDetail.timeline.system")),
        ];
      });
      body.push({
        unbreakable: incident.events.length <= 8,
        margin: [0, 8, 0, 0],
        stack: [
          {
            text: `${referenceOf(incident.number)} · ${kind} · ${t(`Incident.status.${incident.status}`)}`,
            style: "incident",
          },
          { text: text(facts.join(" · ")), fontSize: 8 },
          ...(incident.description ? [{ text: text(incident.description), fontSize: 8, italics: true }] : []),
          { text: checklist, fontSize: 8, margin: [0, 2, 0, 2] },
          {
            table: {
              headerRows: 1,
              widths: [28, 80, "*", 80],
              body: [
                [
                  t("Audit.columns.eventSeq"),
                  t("Audit.columns.eventAt"),
                  t("Audit.columns.event"),
                  t("Audit.columns.actor"),
                ].map((label) => ({ text: label, bold: true })),
                ...timeline,
              ],
            },
            layout: "lightHorizontalLines",
            fontSize: 8,
          },
        ],
      } as Content);
    }
  }

  const definition: TDocumentDefinitions = {
    info: { title: `${t("Audit.pdf.title")} — ${context.merchant.name}`, creator: "Slipcase" },
    pageSize: "A4",
    pageMargins: [36, 36, 36, 40],
    defaultStyle: { font: "NotoSansSC", fontSize: 9 },
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      heading: { fontSize: 12, bold: true, margin: [0, 4, 0, 2] },
      incident: { fontSize: 10, bold: true },
      muted: { color: "#475569", fontSize: 8 },
      verified: { color: "#166534", bold: true },
      failed: { color: "#b91c1c", bold: true },
    },
    footer: (page, pages) => ({
      text: t("Audit.pdf.page", { page, pages }),
      alignment: "center",
      fontSize: 8,
      color: "#475569",
    }),
    content: body,
  };
  const pdf = await pdfmake.createPdf(definition).getBuffer();
  const day = context.exportedAt.toISOString().slice(0, 10);
  return { pdf: Buffer.from(pdf), filename: `audit-report-${locale}-${day}.pdf`, incidents };
}
