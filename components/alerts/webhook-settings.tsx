"use client";
// The admin's alert webhook on /alerts (issue 10): the address form (with a new signing secret on
// request), the secret shown once after a save that made it, a test delivery, removal (asked in a
// dialog), and the newest deliveries with each attempt. The data comes from the page
// (lib/webhooks/get-webhook.ts); the actions are lib/actions/webhooks.ts, which check the role again.
import { useFormatter, useTranslations } from "next-intl";
import { ActionButton } from "@/components/admin/action-button";
import { useAdminForm } from "@/components/admin/use-admin-form";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/button";
import { hintClass } from "@/components/ui/field";
import { FormFeedback } from "@/components/ui/form-feedback";
import { TextField } from "@/components/ui/input";
import {
  removeWebhookAction,
  saveWebhookAction,
  sendTestWebhookAction,
  type WebhookSaveResult,
} from "@/lib/actions/webhooks";
import type { ActionState } from "@/lib/api/action-result";
import type { WebhookDeliveryDto, WebhookSavedDto, WebhookStatusDto } from "@/lib/webhooks/schemas";
import { WEBHOOK_URL_MAX, type WebhookDeliveryStatus } from "@/lib/webhooks/vocabulary";

const STATUS_TONES = {
  pending: "warning",
  delivered: "success",
  failed: "danger",
} as const satisfies Record<WebhookDeliveryStatus, BadgeTone>;

function savedOf(state: ActionState | WebhookSaveResult | null): WebhookSavedDto | null {
  return state?.ok && "saved" in state ? (state.saved as WebhookSavedDto) : null;
}

export function WebhookSettings({ webhook }: { webhook: WebhookStatusDto }) {
  const t = useTranslations("Webhooks");
  const tAdmin = useTranslations("Admin");
  const { id, state, pending, formProps, fieldError, feedback } = useAdminForm(saveWebhookAction, {
    fields: ["url", "rotateSecret"],
    resetOnSuccess: false,
  });
  const saved = savedOf(state);

  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="space-y-4 rounded-lg border border-slate-200 bg-white px-4 py-3"
      data-testid="webhook-settings"
    >
      <div>
        <h2 id={`${id}-heading`} className="text-xl font-semibold">
          {t("heading")}
        </h2>
        <p className="mt-1 max-w-prose text-sm text-slate-700">{t("intro")}</p>
        <p className="mt-2 text-sm text-slate-800" data-testid="webhook-current">
          {webhook.url ? t("current", { url: webhook.url }) : t("notSet")}
        </p>
      </div>

      <form {...formProps} aria-label={t("heading")} className="space-y-3">
        <div className="max-w-2xl">
          <TextField
            id={`${id}-url`}
            name="url"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            maxLength={WEBHOOK_URL_MAX}
            label={t("url.label")}
            hint={t("url.hint")}
            error={fieldError("url")}
            defaultValue={webhook.url ?? ""}
            placeholder="https://hooks.example.com/slipcase"
            required
          />
        </div>
        {webhook.url ? (
          <div className="flex items-start gap-2">
            <input
              id={`${id}-rotateSecret`}
              name="rotateSecret"
              type="checkbox"
              className="mt-1 size-5"
              aria-describedby={`${id}-rotateSecret-hint`}
            />
            <div>
              <label htmlFor={`${id}-rotateSecret`} className="text-sm font-medium text-slate-800">
                {t("rotate.label")}
              </label>
              <p id={`${id}-rotateSecret-hint`} className={hintClass}>
                {t("rotate.hint")}
              </p>
            </div>
          </div>
        ) : null}
        <SubmitButton pending={pending} pendingLabel={tAdmin("saving")}>
          {t("save")}
        </SubmitButton>
        <FormFeedback {...feedback} success={t("saved")} />
      </form>

      {saved ? <SecretNotice saved={saved} /> : null}

      {webhook.url ? (
        <div className="flex flex-wrap items-start gap-3">
          <ActionButton action={sendTestWebhookAction} success={t("test.sent")}>
            {t("test.send")}
          </ActionButton>
          <ActionButton
            action={removeWebhookAction}
            success={t("remove.done")}
            variant="danger"
            confirm={{ title: t("remove.title"), body: t("remove.body"), confirmLabel: t("remove.confirm") }}
          >
            {t("remove.button")}
          </ActionButton>
        </div>
      ) : null}

      <Deliveries deliveries={webhook.deliveries} />
    </section>
  );
}

function SecretNotice({ saved }: { saved: WebhookSavedDto }) {
  const t = useTranslations("Webhooks.secret");
  return (
    <div
      role="status"
      className="max-w-2xl rounded-md border border-amber-300 bg-amber-50 p-3"
      data-testid="webhook-secret"
    >
      <p className="text-sm font-semibold text-amber-950">{t("title")}</p>
      {saved.secretRotated ? (
        <>
          <p className="mt-1 text-sm text-amber-950">{t("body")}</p>
          <code className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-sm text-slate-900">
            {saved.secret}
          </code>
        </>
      ) : (
        <p className="mt-1 text-sm text-amber-950">{t("unchanged")}</p>
      )}
    </div>
  );
}

function Deliveries({ deliveries }: { deliveries: WebhookDeliveryDto[] }) {
  const t = useTranslations("Webhooks");
  const format = useFormatter();
  const time = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "medium" });
  return (
    <div className="space-y-2">
      <h3 className="text-base font-semibold text-slate-900">{t("deliveries.heading")}</h3>
      {deliveries.length === 0 ? (
        <p className="text-sm text-slate-700">{t("deliveries.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm" data-testid="webhook-deliveries">
            <caption className="sr-only">{t("deliveries.caption")}</caption>
            <thead className="border-b border-slate-300 text-slate-700">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t("deliveries.when")}
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t("deliveries.event")}
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t("deliveries.status")}
                </th>
                <th scope="col" className="py-2 font-medium">
                  {t("deliveries.attempts")}
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.id} className="border-b border-slate-200 align-top">
                  <td className="py-2 pr-4 whitespace-nowrap">{time(delivery.createdAt)}</td>
                  <td className="py-2 pr-4">
                    <span className="font-mono text-xs">{delivery.type}</span>
                    <span className="block font-mono text-xs text-slate-600">{delivery.id}</span>
                  </td>
                  <td className="py-2 pr-4">
                    <Badge tone={STATUS_TONES[delivery.status]}>{t(`statuses.${delivery.status}`)}</Badge>
                  </td>
                  <td className="py-2">
                    {delivery.attempts.length === 0 ? (
                      <span className="text-slate-600">{t("deliveries.none")}</span>
                    ) : (
                      <ol className="space-y-0.5">
                        {delivery.attempts.map((attempt) => (
                          <li key={attempt.at}>
                            {attempt.error === null || attempt.statusCode !== null
                              ? t("deliveries.answered", {
                                  time: time(attempt.at),
                                  code: attempt.statusCode ?? 0,
                                  ms: attempt.durationMs,
                                })
                              : t("deliveries.failedAttempt", {
                                  time: time(attempt.at),
                                  error: attempt.error,
                                  ms: attempt.durationMs,
                                })}
                          </li>
                        ))}
                      </ol>
                    )}
                    {delivery.nextAttemptAt ? (
                      <span className="block text-slate-600">
                        {t("deliveries.next", { time: time(delivery.nextAttemptAt) })}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
