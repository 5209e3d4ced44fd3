// A page's answer to a role that may not see it: the page's title and why, as an alert. The use
// cases and the API refuse such a role too; this is only what the page shows.
export function ForbiddenNotice({ title, message, testId }: { title: string; message: string; testId: string }) {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p
        role="alert"
        data-testid={testId}
        className="rounded border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950"
      >
        {message}
      </p>
    </div>
  );
}
