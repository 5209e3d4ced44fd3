"use client";
// The kit's dialog: the browser's own <dialog>, opened modal with showModal() so the focus is
// trapped inside, Escape closes it and the page behind is inert. Its cancel button sits in a
// `method="dialog"` form, which closes it without any script; a dialog rendered `open` by the
// server (a confirmation asked for after a post without JavaScript) works the same way.
import { type ReactNode, type RefObject, useRef } from "react";
import { Button } from "./button";

export function useDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  return {
    ref,
    show: () => {
      if (!ref.current?.open) ref.current?.showModal();
    },
    close: () => ref.current?.close(),
  };
}

export function Dialog({
  dialogRef,
  id,
  title,
  open = false,
  cancelLabel,
  actions,
  children,
}: {
  dialogRef: RefObject<HTMLDialogElement | null>;
  id: string;
  title: ReactNode;
  /** Shown without script (the server asked); otherwise opened with useDialog().show. */
  open?: boolean;
  cancelLabel: ReactNode;
  /** The confirming button(s), after Cancel. */
  actions: ReactNode;
  children?: ReactNode;
}) {
  return (
    <dialog
      ref={dialogRef}
      id={id}
      open={open || undefined}
      aria-labelledby={`${id}-title`}
      aria-describedby={children ? `${id}-body` : undefined}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="space-y-4 p-5">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        {children ? (
          <div id={`${id}-body`} className="text-base text-slate-800">
            {children}
          </div>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <form method="dialog">
            {/* Cancel first and focused: the safe choice is the one Enter picks. */}
            <Button type="submit" autoFocus>
              {cancelLabel}
            </Button>
          </form>
          {actions}
        </div>
      </div>
    </dialog>
  );
}
