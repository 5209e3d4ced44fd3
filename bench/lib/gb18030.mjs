// A GB18030 encoder for the characters a generated file uses. Node decodes GB18030
// (TextDecoder('gb18030'), full ICU) but has no encoder; rather than a dependency, the table is
// read back from the decoder: every two-byte GBK sequence is decoded once and the character it
// gives is mapped to its bytes. Every character of common Chinese text (GB2312, GBK) has a two-byte
// form; a character without one (a rare astral character) throws — the generator never writes one.

let table = null;

function buildTable() {
  const bytes = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      bytes.push(lead, trail, 0x0a);
    }
  }
  const decoded = new TextDecoder("gb18030").decode(Uint8Array.from(bytes)).split("\n");
  const map = new Map();
  let at = 0;
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoded[at++];
      if (char.length === 1 && char !== "\ufffd" && !map.has(char)) map.set(char, String.fromCharCode(lead, trail));
    }
  }
  return map;
}

/**
 * The GB18030 bytes of `text` as a "binary" string (one char per byte, 0–255), for
 * Buffer.from(result, "latin1"). ASCII stays as it is.
 */
export function gb18030Binary(text) {
  let out = "";
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x80) {
      out += char;
      continue;
    }
    table ??= buildTable();
    const pair = table.get(char);
    if (pair === undefined) throw new Error(`No two-byte GB18030 form for ${JSON.stringify(char)}`);
    out += pair;
  }
  return out;
}

/** `text` encoded in GB18030. */
export function encodeGb18030(text) {
  return Buffer.from(gb18030Binary(text), "latin1");
}
