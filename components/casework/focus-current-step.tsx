"use client";
// Keyboard flow on the incident page: when a step has just been completed or skipped (the page
// refreshes with a new current step), the focus moves to the new current step's Complete button —
// or its heading when this role has no button there — instead of falling to the page body. Only
// on a change: opening the page leaves the focus where the browser puts it.
import { useEffect, useRef } from "react";

/** `target` is the current step's key, "close" once the checklist is through, or null when closed. */
export function FocusCurrentStep({ target }: { target: string | null }) {
  const previous = useRef(target);
  useEffect(() => {
    if (previous.current === target) return;
    previous.current = target;
    if (target === null) return;
    const container = document.getElementById(target === "close" ? "close" : `step-${target}`);
    if (!container) return;
    const button = container.querySelector<HTMLButtonElement>("[data-testid='complete-step']");
    button?.focus();
    if (button && document.activeElement === button) return;
    container.querySelector<HTMLElement>("[data-focus-target]")?.focus();
  }, [target]);
  return null;
}
