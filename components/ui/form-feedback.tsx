// The outcome of a form's last submission, in one live region: a success line, or what went wrong
// — one message, and, when the server refused fields, a summary listing every one of them with a
// link to the field (each field shows its own error beside it too). The hook
// (components/ui/use-form-action.ts) moves the focus here after a refusal.
import type { ReactNode } from "react";
import type { ActionState } from "@/lib/api/action-result";

/** One refused field: the id of its control and what to fix. */
export interface FieldProblem {
  id: string;
  message: string;
}

export function FormFeedback({
  state,
  success,
  message,
  problems = [],
  testId,
  children,
}: {
  state: ActionState;
  /** Said after a success; nothing when the page moves on by itself. */
  success?: ReactNode;
  /**
   * What went wrong, in the reader's words; also given without a failure state when the answer
   * never came (the connection was lost). Nothing shows when there is no message.
   */
  message?: ReactNode;
  problems?: FieldProblem[];
  testId?: string;
  /** Beside the message: a way out (reload, sign in again). */
  children?: ReactNode;
}) {
  const failure = state && !state.ok ? state : null;
  const failed = message !== undefined && message !== null && message !== "";
  return (
    <div aria-live="polite" className="empty:hidden">
      {state?.ok && success ? (
        <p key={state.at} role="status" className="text-sm font-medium text-green-800">
          {success}
        </p>
      ) : null}
      {failed ? (
        <div
          key={failure?.at ?? "unanswered"}
          role="alert"
          tabIndex={-1}
          data-error-summary=""
          data-error-code={failure?.code}
          className="space-y-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-600"
        >
          <div data-testid={testId} className="font-medium">
            {message}
            {children ? <> {children}</> : null}
          </div>
          {problems.length > 0 ? (
            <ul data-testid="error-summary" className="list-disc space-y-1 pl-5">
              {problems.map((problem) => (
                <li key={problem.id}>
                  <a href={`#${problem.id}`} className="underline underline-offset-2">
                    {problem.message}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
