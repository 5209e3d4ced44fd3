// The audit exports' bounds, importable without the PDF library (the OpenAPI document, the page).

/** The most incidents one PDF report holds; a PDF is laid out whole before its first byte. */
export const AUDIT_PDF_MAX_INCIDENTS = 500;
