// What the upload form says after a plain (no-JavaScript) upload was sent back to /reconciliation
// refused: the problem in the reader's words, the lines to fix when the file had bad lines. The
// words come from the page (server); this only lays them out, focusable as the address's target.
export function UploadNotice({ message, detail }: { message: string; detail?: string }) {
  return (
    <div
      id="upload-notice"
      role="alert"
      tabIndex={-1}
      className="space-y-1 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-900 focus:outline-none"
      data-testid="upload-notice"
    >
      <p className="font-medium">{message}</p>
      {detail ? <p className="break-words">{detail}</p> : null}
    </div>
  );
}
