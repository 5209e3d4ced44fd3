// A wide table's box on a phone: it scrolls sideways inside itself (the page never does), with a
// shadow on the side that has more (.scroll-cue in app/globals.css), and it
// takes the keyboard focus so that arrow keys scroll it too (WCAG 2.1.1; axe's
// scrollable-region-focusable), named after the table for a screen reader.
import type { ReactNode } from "react";

export function ScrollBox({
  label,
  className = "",
  testId,
  children,
}: {
  label: string;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a named region inside a figure's section, not a landmark of its own outline
    <div
      role="region"
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must be reachable by keyboard to be scrolled
      tabIndex={0}
      data-testid={testId}
      className={`scroll-cue overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 ${className}`}
    >
      {children}
    </div>
  );
}
