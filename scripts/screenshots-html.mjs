// A small ANSI → HTML converter for `tmux capture-pane -e -p` output: SGR colours (16, 256 and
// truecolour), bold, dim, inverse; every other byte is text. One <div> per row, one <span> per run
// of equal attributes, on a fixed grid so the PNG looks like the terminal did.

const base16 = [
  '#1d1f21',
  '#cc6666',
  '#b5bd68',
  '#f0c674',
  '#81a2be',
  '#b294bb',
  '#8abeb7',
  '#c5c8c6',
  '#666666',
  '#d54e53',
  '#b9ca4a',
  '#e7c547',
  '#7aa6da',
  '#c397d8',
  '#70c0b1',
  '#eaeaea',
];
const FG = '#c5c8c6';
const BG = '#1d1f21';

function color256(n) {
  if (n < 16) return base16[n];
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v},${v},${v})`;
  }
  const i = n - 16;
  const level = (x) => (x === 0 ? 0 : 55 + x * 40);
  return `rgb(${level(Math.floor(i / 36))},${level(Math.floor(i / 6) % 6)},${level(i % 6)})`;
}

function applySgr(state, params) {
  const codes = params === '' ? [0] : params.split(';').map(Number);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === 0)
      Object.assign(state, {
        fg: undefined,
        bg: undefined,
        bold: false,
        dim: false,
        inverse: false,
      });
    else if (c === 1) state.bold = true;
    else if (c === 2) state.dim = true;
    else if (c === 22) state.bold = state.dim = false;
    else if (c === 7) state.inverse = true;
    else if (c === 27) state.inverse = false;
    else if (c >= 30 && c <= 37) state.fg = base16[c - 30];
    else if (c >= 90 && c <= 97) state.fg = base16[c - 90 + 8];
    else if (c === 39) state.fg = undefined;
    else if (c >= 40 && c <= 47) state.bg = base16[c - 40];
    else if (c >= 100 && c <= 107) state.bg = base16[c - 100 + 8];
    else if (c === 49) state.bg = undefined;
    else if ((c === 38 || c === 48) && codes[i + 1] === 5) {
      state[c === 38 ? 'fg' : 'bg'] = color256(codes[i + 2]);
      i += 2;
    } else if ((c === 38 || c === 48) && codes[i + 1] === 2) {
      state[c === 38 ? 'fg' : 'bg'] = `rgb(${codes[i + 2]},${codes[i + 3]},${codes[i + 4]})`;
      i += 4;
    }
  }
}

const escapeHtml = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function style(state) {
  let fg = state.fg ?? FG;
  let bg = state.bg ?? BG;
  if (state.inverse) [fg, bg] = [bg, fg];
  const parts = [`color:${fg}`, `background:${bg}`];
  if (state.bold) parts.push('font-weight:bold');
  if (state.dim) parts.push('opacity:0.7');
  return parts.join(';');
}

/** The screen `ansi` (rows separated by \n) as a whole HTML page of `columns`×`rows` cells. */
export function ansiToHtml(ansi, { columns, rows, title }) {
  const state = { fg: undefined, bg: undefined, bold: false, dim: false, inverse: false };
  const lines = ansi.replace(/\n$/, '').split('\n').slice(0, rows);
  const body = lines.map((line) => {
    let html = '';
    let text = '';
    let width = 0;
    const flush = () => {
      if (text) html += `<span style="${style(state)}">${escapeHtml(text)}</span>`;
      text = '';
    };
    const sgr = new RegExp(`${'\u001b'}\\[([0-9;]*)m`, 'y');
    for (let i = 0; i < line.length;) {
      sgr.lastIndex = i;
      const m = sgr.exec(line);
      if (m) {
        flush();
        applySgr(state, m[1]);
        i = sgr.lastIndex;
        continue;
      }
      if (line[i] === '\x1b') {
        i += 1; // Any other escape: not expected from capture-pane; drop the ESC.
        continue;
      }
      const ch = String.fromCodePoint(line.codePointAt(i));
      text += ch;
      width += 1;
      i += ch.length;
    }
    if (width < columns) text += ' '.repeat(columns - width);
    flush();
    return `<div class="row">${html}</div>`;
  });
  while (body.length < rows)
    body.push(`<div class="row"><span style="${style({})}">${' '.repeat(columns)}</span></div>`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>
html,body{margin:0;background:${BG}}
.screen{padding:10px;font-family:'DejaVu Sans Mono','Liberation Mono',monospace;font-size:14px;line-height:17px;white-space:pre}
.row{height:17px;overflow:hidden}
</style></head><body><div class="screen">${body.join('')}</div></body></html>\n`;
}
