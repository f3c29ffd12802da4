// `node scripts/chart-compare.mjs`: the service view's charts drawn two ways from the same fixed
// samples — svtui's block columns (src/screen/chart.ts) and braille line charts drawn with
// drawille-canvas-blessed-contrib, the canvas blessed-contrib's line chart draws on — at the view's
// sizes for 80×24 and 120×40, as PNGs in screenshots/ (through the screenshots' HTML and headless
// Chromium), with the cost of a frame of six charts and the import time of each. Needs a build
// (npm run build), chromium, and the devDependency drawille-canvas-blessed-contrib.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ansiToHtml } from './screenshots-html.mjs';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const { blockRows, niceCeiling, slices } = await import(join(root, 'dist/screen/chart.js'));
const Canvas = require('drawille-canvas-blessed-contrib');

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const MIN = 60_000;

/** The samples of the view's tests: idle CPU, then a burner for the last 10 minutes; memory
 * growing; 4 log lines a second with a burst; down for a minute half an hour ago. */
function samples() {
  const out = { cpu: [], mem: [], log: [] };
  for (let at = NOW - 3598_000; at <= NOW; at += 2000) {
    const ago = NOW - at;
    const down = ago <= 31 * MIN && ago > 30 * MIN;
    const wave = Math.sin(at / 97_000) * 1.5;
    out.cpu.push({ atMs: at, value: down ? undefined : ago < 10 * MIN ? 92 + wave * 3 : 3 + wave });
    out.mem.push({
      atMs: at,
      value: down ? undefined : 51_200 + ((3600_000 - ago) / 3600_000) * 61_440,
    });
    out.log.push({ atMs: at, value: ago < 42 * MIN && ago > 38 * MIN ? 40 : 4 + Math.round(wave) });
  }
  return out;
}

/** An SGR sequence (colour codes), built from its text: a literal ESC in a pattern is a lint error. */
const SGR_CODE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const SGR = { cyan: '\x1b[36m', dim: '\x1b[90m', bold: '\x1b[1m', reset: '\x1b[0m' };

function brailleRows(values, rows, top, colour) {
  const width = values.length * 2;
  const height = rows * 4;
  const ctx = new Canvas(width, height);
  ctx.strokeStyle = colour ? 'cyan' : 'normal';
  ctx.beginPath();
  let drawing = false;
  values.forEach((v, i) => {
    if (v === undefined) return void (drawing = false);
    const y = height - 1 - Math.round((Math.min(v, top) / top) * (height - 1));
    if (drawing) ctx.lineTo(i * 2, y);
    else ctx.moveTo(i * 2, y);
    drawing = true;
  });
  ctx.stroke();
  const text = ctx._canvas.frame().split('\n').slice(0, rows);
  // NO_COLOR: the library always writes its colour codes; they are stripped here.
  return colour ? text : text.map((l) => l.replace(SGR_CODE, ''));
}

function blocks(values, rows, top, colour) {
  const lines = blockRows(values, rows, top);
  return colour ? lines.map((l) => `${SGR.cyan}${l}${SGR.reset}`) : lines;
}

const METRICS = [
  ['CPU %', 'cpu', (v) => `${Math.round(v)}%`, (p) => niceCeiling(p, 1)],
  ['memory', 'mem', (v) => `${Math.round(v / 1024)}M`, (p) => niceCeiling(p / 1024, 1) * 1024],
  ['log lines/s', 'log', (v) => `${Math.round(v)}/s`, (p) => niceCeiling(p, 1)],
];

/** The view's chart block at `width` columns: per metric a title, `rows` of chart, then the axis. */
function chartBlock(render, width, rows, colour) {
  const data = samples();
  const half = Math.floor((width - 2) / 2);
  const plot = half - 6;
  const out = [];
  for (const [title, key, format, topOf] of METRICS) {
    const hour = slices(data[key], NOW - 60 * MIN, NOW, plot);
    const recent = slices(data[key], NOW - 10 * MIN, NOW, plot);
    const peak = Math.max(0, ...hour.filter((v) => v !== undefined));
    const top = topOf(peak);
    const bold = colour ? SGR.bold : '';
    const reset = colour ? SGR.reset : '';
    out.push(
      `${bold}${`${title} · last hour · peak ${format(peak)}`.padEnd(half)}${reset}  last 10 min`,
    );
    const a = render(hour, rows, top, colour);
    const b = render(recent, rows, top, colour);
    for (let r = 0; r < rows; r++) {
      const label = (r === 0 ? format(top) : r === rows - 1 ? '0' : '').padStart(5) + ' ';
      out.push(`${label}${a[r]}  ${label}${b[r]}`);
    }
  }
  const axis = (room, [x, y, z]) =>
    x.padEnd(Math.floor(room / 2) - 2) + y + z.padStart(room - Math.floor(room / 2) - 2);
  out.push(
    `      ${axis(plot, ['-60m', '-30m', 'now'])}        ${axis(plot, ['-10m', '-5m', 'now'])}`,
  );
  return out;
}

function costPerFrame(render, width, rows) {
  for (let i = 0; i < 30; i++) chartBlock(render, width, rows, true);
  const times = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    chartBlock(render, width, rows, true);
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  return times[Math.floor(times.length / 2)];
}

function importMs(code) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    encoding: 'utf8',
    cwd: root,
  });
  return Number(r.stdout.trim());
}

const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find(
  (name) => spawnSync('which', [name]).status === 0,
);
const work = mkdtempSync(join(tmpdir(), 'svtui-charts-'));
try {
  for (const [columns, rows, chartRows] of [
    [80, 24, 2],
    [120, 40, 5],
  ]) {
    for (const [name, render] of [
      ['blocks', blocks],
      ['braille', brailleRows],
    ]) {
      const colour = chartBlock(render, columns, chartRows, true);
      const plain = chartBlock(render, columns, chartRows, false);
      const text = [
        `${name === 'blocks' ? 'svtui block columns' : 'drawille braille (blessed-contrib)'} · ${columns}×${rows} · colour`,
        ...colour,
        '',
        'NO_COLOR',
        ...plain,
      ].join('\n');
      const lines = text.split('\n').length;
      const png = join(root, 'screenshots', `chart-${name}-${columns}x${rows}.png`);
      if (!chromium) continue;
      const html = join(work, `${name}-${columns}.html`);
      // The screenshots' font (DejaVu Sans Mono) has no braille: the browser borrows a
      // proportional one; a terminal keeps every glyph in its cell, and so does this.
      const page = ansiToHtml(text, { columns, rows: lines, title: name }).replace(
        /[\u2800-\u28ff]/g,
        (ch) => `<span style="display:inline-block;width:1ch">${ch}</span>`,
      );
      writeFileSync(html, page);
      spawnSync(chromium, [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--hide-scrollbars',
        `--screenshot=${png}`,
        `--window-size=${Math.ceil(columns * 8.43) + 24},${lines * 17 + 20}`,
        `file://${html}`,
      ]);
      if (existsSync(png)) console.log(`  ${png}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const t = 'const t=performance.now();';
const blocksImport = importMs(
  `${t}await import('./dist/screen/chart.js');console.log(performance.now()-t)`,
);
const brailleImport = importMs(
  `import{createRequire}from'node:module';${t}createRequire(import.meta.url)('drawille-canvas-blessed-contrib');console.log(performance.now()-t)`,
);
console.log('\nsix charts (3 figures × hour and 10 min), median of 200 frames:');
for (const [columns, chartRows] of [
  [80, 2],
  [120, 5],
]) {
  console.log(
    `  ${columns} columns, ${chartRows} rows each: blocks ${costPerFrame(blocks, columns, chartRows).toFixed(3)} ms, braille ${costPerFrame(brailleRows, columns, chartRows).toFixed(3)} ms`,
  );
}
console.log(
  `import: blocks ${blocksImport.toFixed(1)} ms, drawille-canvas ${brailleImport.toFixed(1)} ms`,
);
