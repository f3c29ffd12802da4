// The service view's rules: a heading that says whether an engine judges them (and its cycle),
// then one line per rule — its state in a word (NO_COLOR keeps it), `check` for port and program
// probes with the last result and response time, `limit` for resource, uptime and restart rules,
// the rate and the action. A broken monitor file is named by file:line:column. Pure.
import type { RuleFacts, RulesFacts } from '../source/port.js';
import { fit, printable } from './format.js';
import type { Palette } from './palette.js';
import { line, span, type Line } from './spans.js';

/** The heading and at most `most` rules (the rest counted on the last line). */
export function ruleLines(
  rules: RulesFacts,
  width: number,
  palette: Palette,
  most: number,
): Line[] {
  const head = heading(rules);
  const out: Line[] = [line(fit(head, width), palette.accent, true)];
  if (rules.error) out.push(line(fit(`  ${printable(rules.error)}`, width), palette.warn));
  const shown = rules.rules.length > most ? most - 1 : most;
  for (const rule of rules.rules.slice(0, shown)) out.push(ruleLine(rule, width, palette));
  const more = rules.rules.length - shown;
  if (more > 0) out.push(line(fit(`  … ${more} more (svtui status shows them all)`, width)));
  return out;
}

function heading(rules: RulesFacts): string {
  if (rules.code === 'none') return 'rules · none (no monitor file)';
  const count = `${rules.rules.length} rule${rules.rules.length === 1 ? '' : 's'}`;
  const engine = rules.running
    ? `judged every ${rules.cycleSeconds} s`
    : 'not run: no svtui scan or svtui monitor judges them';
  const broken = rules.code === 'broken' ? ' · monitor file refused, last good rules kept' : '';
  return `rules · ${count} · ${engine}${broken}`;
}

function ruleLine(rule: RuleFacts, width: number, palette: Palette): Line {
  const probe = rule.kind === 'port' || rule.kind === 'program';
  const state = rule.state === 'failed' ? 'FAILED' : rule.state;
  const last = probe
    ? [
        rule.last ? `last ${rule.last}` : 'no result yet',
        rule.responseMs !== undefined ? `${rule.responseMs} ms` : '',
      ]
    : [];
  const tail = [...last, rule.rate ?? '', `then ${rule.then}`].filter(Boolean).join(' · ');
  const what = `${probe ? 'check' : 'limit'} ${printable(rule.check)}`;
  const colour =
    rule.state === 'failed'
      ? palette.health('failing')
      : rule.state === 'ok'
        ? palette.health('ok')
        : palette.dim;
  return [
    span(`  ${state.padEnd(8)}`, colour, rule.state === 'failed'),
    span(fit(`${what} · ${tail}`, Math.max(0, width - 10))),
  ];
}
