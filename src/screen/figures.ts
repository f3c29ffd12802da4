// Pure formatting of the resource and health cells: CPU as top shows it, memory in the fewest
// characters that keep three significant digits, health in words that fit the column (NO_COLOR
// keeps the meaning: the word says it, the colour only repeats it).
import type { HealthFacts, ResourceFacts } from '../store/model.js';

/** top's %CPU: one decimal (12.3, 100.0, 250.0); a whole number from 1000 on. */
export function formatCpu(percent: number | undefined): string {
  if (percent === undefined || !Number.isFinite(percent)) return '-';
  const tenth = Math.round(Math.max(0, percent) * 10) / 10;
  return tenth >= 1000 ? String(Math.round(tenth)) : tenth.toFixed(1);
}

/** RSS from KB in at most 5 characters: 640K, 9.8M, 12.3M, 123M, 1.2G. */
export function formatMemory(kb: number): string {
  const units = ['K', 'M', 'G', 'T'];
  let value = Math.max(0, kb);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = unit > 0 && value < 99.95 ? value.toFixed(1) : String(Math.round(value));
  // 999.6M rounds to 1000: say 1.0G instead of a sixth character.
  if (text === '1000' && unit < units.length - 1) return `1.0${units[unit + 1]}`;
  return `${text}${units[unit]}`;
}

/** What a cell shows while its figure is still coming (the first frame is drawn without them). */
export const PENDING = '…';

/**
 * The CPU and MEM cells of a row: empty while nothing is measured, PENDING while the first
 * sweep has not looked at it yet.
 */
export function resourceCells(
  r: ResourceFacts | undefined,
  pending = false,
): { cpu: string; mem: string } {
  if (!r) return pending ? { cpu: PENDING, mem: PENDING } : { cpu: '', mem: '' };
  return { cpu: formatCpu(r.cpuPercent), mem: formatMemory(r.rssKB) };
}

/** The HEALTH cell in full (`failing 2/3`, `unmonitored`); PENDING before the source looked. */
export function healthCell(h: HealthFacts | undefined): string {
  return h?.text ?? PENDING;
}

/** Shorter words for a narrow HEALTH column, same meaning. */
export function narrowHealth(text: string, width: number): string {
  if (text.length <= width) return text;
  const failing = /^failing (\d+\/\d+)$/.exec(text);
  if (failing) return width >= 5 + failing[1]!.length ? `fail ${failing[1]}` : `F${failing[1]}`;
  const short: Record<string, string> = {
    unmonitored: 'unmon',
    'not ready': 'not rdy',
    'no rules': 'none',
    'not run': 'not run',
  };
  return short[text] ?? text;
}
