"use client";
// A UTC instant shown in the viewer's own time zone. The server renders it in the app's time
// zone; once hydrated the browser's zone takes over (useSyncExternalStore keeps hydration clean).
import { useLocale, useTimeZone } from "next-intl";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const noTimeZoneOnServer = () => null;

export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  const locale = useLocale();
  const appTimeZone = useTimeZone();
  const timeZone = useSyncExternalStore(subscribe, browserTimeZone, noTimeZoneOnServer) ?? appTimeZone;
  const text = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    new Date(iso),
  );
  return (
    <time dateTime={iso} title={`${iso} UTC`} className={className}>
      {text}
    </time>
  );
}
