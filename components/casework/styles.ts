// Tailwind class strings shared by the casework forms (44 px tall targets for fingers at a till).

export const fieldClass =
  "mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 text-base focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30 aria-[invalid=true]:border-red-600";
export const primaryButton =
  "inline-flex min-h-11 items-center justify-center rounded bg-blue-700 px-5 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60";
export const secondaryButton =
  "inline-flex min-h-11 items-center justify-center rounded border border-slate-400 bg-white px-5 py-2 font-medium text-slate-900 hover:bg-slate-100 disabled:opacity-60";
