"use client";
// The upload form and the recent imports beside it: the list is read again when an upload is
// answered and when its import finishes — and the page's server part (the summary) with it.
import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { RecentImports } from "@/components/reconciliation/recent-imports";
import { UploadForm } from "@/components/reconciliation/upload-form";
import type { ReconFormatDto } from "@/lib/reconciliation/formats/schema";

export function ImportPanel({
  formats,
  limitText,
  limitBytes,
  uploadHeading,
  notice,
}: {
  formats: ReconFormatDto[];
  limitText: string;
  limitBytes: number;
  uploadHeading: string;
  /** Why a plain (no-JavaScript) upload was sent back here, worded by the page. */
  notice?: ReactNode;
}) {
  const [version, setVersion] = useState(0);
  const router = useRouter();
  return (
    <div className="space-y-6">
      <section aria-labelledby="upload-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="upload-heading" className="text-lg font-semibold">
          {uploadHeading}
        </h2>
        {notice}
        <UploadForm
          formats={formats}
          limitText={limitText}
          limitBytes={limitBytes}
          onImported={() => {
            setVersion((value) => value + 1);
            router.refresh();
          }}
        />
      </section>
      <RecentImports version={version} />
    </div>
  );
}
