"use client";
// A UTC instant shown in the viewer's own time zone and language. The server renders it in the
// app's time zone; once hydrated the browser's zone takes over (useSyncExternalStore keeps
// hydration clean). The tooltip gives the full date, the time to the second and the zone, in
// the same language, for a reader who needs the exact moment.
import { useLocale, useTimeZone } from "next-intl";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const noTimeZoneOnServer = () => null;

export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  const locale = useLocale();
  const appTimeZone = useTimeZone();
  const timeZone = useSyncExternalStore(subscribe, browserTimeZone, noTimeZoneOnServer) ?? appTimeZone;
  const at = new Date(iso);
  const text = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(at);
  const exact = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "long", timeZone }).format(at);
  return (
    <time dateTime={iso} title={exact} className={className}>
      {text}
    </time>
  );
}
