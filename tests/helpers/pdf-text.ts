// The text of a PDF, page by page, as a real extractor reads it (Mozilla's pdf.js, the legacy build
// that runs on Node 20): what an auditor's reader would find and copy, not what we meant to draw.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false })
    .promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    // Items are runs of glyphs (a CJK glyph is often its own run): joined as drawn, a line end where
    // the extractor saw one.
    pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
  }
  await document.destroy();
  return pages.join("\n");
}
