// The upload size limit in words, for the 413 and the upload form's hint. Pure.

const KIB = 1024;
const MIB = 1024 * 1024;

/**
 * The limit rounded down, never up — a file the text says fits must fit: whole megabytes when it
 * is a whole number of them, else one decimal ("1.9 MB" for 2,000,000 bytes, not "1 MB"); below
 * a megabyte in kilobytes (not "0 MB"), below a kilobyte in bytes.
 */
export function sizeLimitText(bytes: number): string {
  if (bytes >= MIB) {
    const tenths = Math.floor((bytes * 10) / MIB);
    return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)} MB`;
  }
  if (bytes >= KIB) return `${Math.floor(bytes / KIB)} KB`;
  return `${Math.max(0, Math.floor(bytes))} B`;
}
