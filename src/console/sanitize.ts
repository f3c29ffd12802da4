// No log byte may act on the terminal: escape sequences (CSI, OSC, DCS, SOS/PM/APC and their C1
// forms) are removed whole, other control characters shown as `^X`, tabs expanded; the result is
// cut to `width` columns. A stand-in for src/logview's sanitizeLine with the same promise.

const ESC = 0x1b;

export function sanitizeForTerminal(line: string, width: number): string {
  let out = '';
  let i = 0;
  while (i < line.length && out.length < width) {
    const code = line.charCodeAt(i);
    if (
      code === ESC ||
      code === 0x9b ||
      code === 0x9d ||
      code === 0x90 ||
      code === 0x98 ||
      code === 0x9e ||
      code === 0x9f
    ) {
      i = skipSequence(line, i);
      continue;
    }
    if (code === 9) {
      out += ' '.repeat(8 - (out.length % 8));
    } else if (code < 0x20 || code === 0x7f) {
      out += `^${String.fromCharCode(code === 0x7f ? 63 : code + 64)}`;
    } else if (code >= 0x80 && code < 0xa0) {
      out += '?';
    } else {
      out += line[i];
    }
    i += 1;
  }
  return out.length > width ? out.slice(0, width) : out;
}

/** The index just past the escape sequence starting at `i`. */
function skipSequence(line: string, i: number): number {
  const code = line.charCodeAt(i);
  let kind: 'csi' | 'string' | 'single';
  let j: number;
  if (code === ESC) {
    const next = line[i + 1];
    if (next === '[') kind = 'csi';
    else if (next === ']' || next === 'P' || next === 'X' || next === '^' || next === '_')
      kind = 'string';
    else return Math.min(line.length, i + 2);
    j = i + 2;
  } else {
    kind = code === 0x9b ? 'csi' : 'string';
    j = i + 1;
  }
  if (kind === 'csi') {
    while (j < line.length) {
      const c = line.charCodeAt(j++);
      if (c >= 0x40 && c <= 0x7e) break;
    }
    return j;
  }
  while (j < line.length) {
    const c = line.charCodeAt(j);
    if (c === 7 || c === 0x9c) return j + 1;
    if (c === ESC && line[j + 1] === '\\') return j + 2;
    j += 1;
  }
  return j;
}
