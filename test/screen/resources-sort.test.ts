// The resource and health cells, the columns at 80 and 120, and the table's order: by any column,
// the name breaking ties, rows with nothing to show below the rest, a fixed clock throughout.
import { describe, expect, it } from 'vitest';
import { layoutColumns, headerLine } from '../../src/screen/columns.js';
import { formatCpu, formatMemory, narrowHealth } from '../../src/screen/figures.js';
import { rowCells } from '../../src/screen/format.js';
import { sortRows } from '../../src/screen/sort.js';
import type { HealthFacts, ResourceFacts, ServiceRow } from '../../src/store/model.js';
import { stepSort, SORT_KEYS } from '../../src/store/sort.js';
import { down, id, NOW, up } from '../console/fake-source.js';

function row(
  name: string,
  cpu: number | undefined,
  rssKB: number | undefined,
  health?: Partial<HealthFacts>,
): ServiceRow {
  const pid = 100 + name.length;
  const resources: ResourceFacts | undefined =
    rssKB === undefined
      ? undefined
      : {
          pid,
          rssKB,
          processes: 1,
          threads: 1,
          from: 'proc',
          ...(cpu === undefined ? {} : { cpuPercent: cpu }),
        };
  return {
    id: id(name),
    name,
    restarts: 0,
    observation: rssKB === undefined ? down(NOW - 1000) : up(pid, NOW - 60_000),
    ...(resources ? { resources } : {}),
    ...(health
      ? {
          health: {
            code: 'ok',
            text: 'ok',
            rules: 3,
            failing: 0,
            checks: [],
            ...health,
          } as HealthFacts,
        }
      : {}),
  };
}

describe('figures', () => {
  it('CPU as top shows it, memory in at most five characters', () => {
    expect(formatCpu(undefined)).toBe('-');
    expect(formatCpu(0)).toBe('0.0');
    expect(formatCpu(12.345)).toBe('12.3');
    expect(formatCpu(99.96)).toBe('100.0');
    expect(formatCpu(250)).toBe('250.0');
    expect(formatCpu(1234.4)).toBe('1234');
    expect(formatMemory(640)).toBe('640K');
    expect(formatMemory(999)).toBe('999K');
    expect(formatMemory(1000)).toBe('1.0M');
    expect(formatMemory(10_035)).toBe('9.8M');
    expect(formatMemory(126_000)).toBe('123M');
    expect(formatMemory(20_480)).toBe('20.0M');
    expect(formatMemory(1_023_500)).toBe('1.0G');
    expect(formatMemory(12_900_000)).toBe('12.3G');
  });

  it('health words narrow to the column and keep their meaning', () => {
    expect(narrowHealth('failing 2/3', 11)).toBe('failing 2/3');
    expect(narrowHealth('failing 2/3', 8)).toBe('fail 2/3');
    expect(narrowHealth('failing 12/13', 8)).toBe('F12/13');
    expect(narrowHealth('unmonitored', 8)).toBe('unmon');
    expect(narrowHealth('not ready', 8)).toBe('not rdy');
    expect(narrowHealth('no rules', 8)).toBe('no rules');
  });

  it('cells: figures only while up, health words from the facts', () => {
    const cells = rowCells(
      row('web', 12.34, 20_480, { code: 'failing', text: 'failing 1/3' }),
      NOW,
    );
    expect([cells.cpu, cells.mem, cells.health]).toEqual(['12.3', '20.0M', 'failing 1/3']);
    const stopped = rowCells(row('old', undefined, undefined), NOW);
    expect([stopped.cpu, stopped.mem, stopped.health]).toEqual(['', '', '…']);
  });
});

describe('columns', () => {
  it('120 keeps every column; 80 lets LOG and WANT go first, then NORM', () => {
    expect(layoutColumns(120).map((c) => c.key)).toEqual([...SORT_KEYS]);
    const at80 = layoutColumns(80).map((c) => c.key);
    expect(at80).toEqual(SORT_KEYS.filter((k) => k !== 'log' && k !== 'want'));
    const at60 = layoutColumns(60).map((c) => c.key);
    expect(at60).toEqual(['name', 'state', 'pid', 'time', 'cpu', 'mem', 'health']);
  });

  it('the sort column’s title carries the direction; by name ascending marks nothing', () => {
    const columns = layoutColumns(120);
    expect(headerLine(columns, false, { key: 'cpu', descending: true })).toMatch(/ CPU%▼ /);
    expect(headerLine(columns, false, { key: 'name', descending: true })).toMatch(/^SERVICE▼ /);
    expect(headerLine(columns, false, { key: 'name', descending: false })).not.toMatch(/[▲▼]/);
  });
});

describe('sort', () => {
  const rows = [
    row('alpha', 5, 1000, { code: 'ok', text: 'ok' }),
    row('beta', 50.04, 300, { code: 'failing', text: 'failing 1/3', failing: 1 }),
    row('delta', undefined, undefined),
    row('echo', 50, 300, { code: 'failing', text: 'failing 2/3', failing: 2 }),
    row('gamma', 0, 90_000, { code: 'no-rules', text: 'no rules', rules: 0 }),
  ];
  const names = (key: (typeof SORT_KEYS)[number], descending: boolean) =>
    sortRows(rows, { key, descending }, NOW).map((r) => r.name);

  it('by CPU: the value shown (50.0 twice) ties, the name breaks it; nothing shown stays last', () => {
    expect(names('cpu', true)).toEqual(['beta', 'echo', 'alpha', 'gamma', 'delta']);
    expect(names('cpu', false)).toEqual(['gamma', 'alpha', 'beta', 'echo', 'delta']);
  });

  it('by memory and by health (more failing rules first)', () => {
    expect(names('mem', true)).toEqual(['gamma', 'alpha', 'beta', 'echo', 'delta']);
    expect(names('health', false)).toEqual(['echo', 'beta', 'alpha', 'gamma', 'delta']);
  });

  it('by name keeps the store’s array; the same rows and order give the same array', () => {
    expect(sortRows(rows, { key: 'name', descending: false }, NOW)).toBe(rows);
    const once = sortRows(rows, { key: 'mem', descending: true }, NOW);
    expect(sortRows(rows, { key: 'mem', descending: true }, NOW + 5000)).toBe(once);
  });

  it('< and > step through every column, each in its starting direction', () => {
    let order = { key: 'name' as const, descending: false } as ReturnType<typeof stepSort>;
    const seen: string[] = [];
    for (let i = 0; i < SORT_KEYS.length; i++) {
      order = stepSort(order, 1);
      seen.push(`${order.key}${order.descending ? '▼' : '▲'}`);
    }
    expect(seen.slice(0, 7)).toEqual([
      'state▲',
      'pid▲',
      'time▲',
      'cpu▼',
      'mem▼',
      'health▲',
      'normally▲',
    ]);
    expect(seen.at(-1)).toBe('name▲');
    expect(stepSort({ key: 'name', descending: false }, -1).key).toBe('log');
  });
});
