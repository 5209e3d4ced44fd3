"use client";
// The header's account menu: a disclosure, so it opens without JavaScript; with it, the menu also
// closes as a menu does — on Escape (the focus back on its button when it was inside the menu), on
// a click outside it, and when the keyboard's focus leaves it.
import { type ReactNode, useEffect, useRef } from "react";

export function AccountMenu({ label, children }: { label: string; children: ReactNode }) {
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (event: Event) => {
      const details = menu.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== "Escape") return;
        const focusWasInside = details.contains(document.activeElement);
        details.open = false;
        if (focusWasInside) details.querySelector("summary")?.focus();
        return;
      }
      if (!details.contains(event.target as Node)) details.open = false;
    };
    // Tabbing past the last item would leave an open menu covering the page; close it as focus
    // moves to an element outside. A null relatedTarget (a click on text, the window losing focus)
    // is not a move away: clicks are the pointerdown handler's to judge.
    const leave = (event: FocusEvent) => {
      const details = menu.current;
      const to = event.relatedTarget;
      if (details?.open && to instanceof Node && !details.contains(to)) details.open = false;
    };
    const details = menu.current;
    document.addEventListener("keydown", close);
    document.addEventListener("pointerdown", close);
    details?.addEventListener("focusout", leave);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("pointerdown", close);
      details?.removeEventListener("focusout", leave);
    };
  }, []);
  return (
    <details ref={menu} className="relative" data-testid="account-menu">
      <summary
        aria-label={label}
        className="flex size-11 cursor-pointer list-none items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 [&::-webkit-details-marker]:hidden"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="size-6"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <circle cx="12" cy="8" r="4" />
          <path d="M4 21c0-4 3.6-7 8-7s8 3 8 7" strokeLinecap="round" />
        </svg>
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-64 space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
        {children}
      </div>
    </details>
  );
}
