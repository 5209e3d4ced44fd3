"use client";
// False during server rendering and hydration, true after. Submit buttons stay disabled until
// then, so a tap before the page's script has loaded is not lost to a plain HTML form submit.
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
