// The name an uploaded file is stored, listed and audited under. Pure.
import { maskFileText } from "@/lib/card-data/mask-pan-bytes";

/** Room enough for any name a bank portal gives; longer ones are cut, not refused. */
export const FILE_NAME_MAX = 255;

/**
 * A control character (NUL included) cannot be stored in PostgreSQL's text and shows as nothing in
 * a list; U+FFFD is what bytes that are not UTF-8 decode to, so the name as sent is already lost;
 * a lone surrogate cannot be written at all. Any of them: the name is refused, not guessed at.
 */
function isReadableText(name: string): boolean {
  if (!name.isWellFormed()) return false;
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0xfffd) return false;
  }
  return true;
}

/**
 * The name as it will be stored, or null when it is not text a person could read back. A card
 * number in it ("refund 6222….csv") is masked as one in the file is; a long name is cut at a whole
 * character — cutting between the halves of an emoji would leave text no database accepts.
 */
export function storedFileName(sent: string): string | null {
  if (!isReadableText(sent)) return null;
  const masked = maskFileText(sent);
  const characters = Array.from(masked);
  return characters.length > FILE_NAME_MAX ? characters.slice(0, FILE_NAME_MAX).join("") : masked;
}
