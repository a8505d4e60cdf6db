/**
 * @module routing/zonefile/tokenize — splits RFC 1035 master-file text into logical lines of tokens.
 *
 * Handles `;` comments (outside quotes), `( ... )` continuations (SOA), quoted strings (a `\"` does not end
 * a string; backslashes are kept verbatim so callers see the exact characters), and CR/LF, tab or space
 * separation. An unterminated quote runs to the end of the line rather than failing: zone files on chain are
 * arbitrary bytes and the parser must never throw on them (naming.md §1.7).
 */
export interface Token { text: string; quoted: boolean }
export interface Line { tokens: Token[]; indented: boolean }

const WS = new Set([' ', '\t', '\r', '\f', '\v']);

export function tokenizeZoneFile(text: string): Line[] {
  const lines: Line[] = [];
  let tokens: Token[] = [];
  let indented = false;
  let lineStart = true;
  let depth = 0;
  const n = text.length;
  let i = 0;
  const endLine = (): void => {
    if (tokens.length) lines.push({ tokens, indented });
    tokens = [];
    indented = false;
    lineStart = true;
  };
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      if (depth === 0) endLine();
      i++;
      continue;
    }
    if (WS.has(c)) {
      if (lineStart && tokens.length === 0) indented = true;
      i++;
      continue;
    }
    lineStart = false;
    if (c === ';') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '(') { depth++; i++; continue; }
    if (c === ')') { if (depth > 0) depth--; i++; continue; }
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' && j + 1 < n && text[j + 1] !== '\n' ? 2 : 1;
      tokens.push({ text: text.slice(i + 1, j), quoted: true });
      i = j < n && text[j] === '"' ? j + 1 : j;
      continue;
    }
    let j = i;
    while (j < n && !WS.has(text[j]) && text[j] !== '\n' && text[j] !== ';' && text[j] !== '"' && text[j] !== '(' && text[j] !== ')') {
      j += text[j] === '\\' && j + 1 < n ? 2 : 1;
    }
    tokens.push({ text: text.slice(i, j), quoted: false });
    i = j;
  }
  endLine();
  return lines;
}
