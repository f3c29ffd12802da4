// A key's effect (what the reducer asks for beyond its next state) carried out: a control letter
// to the selected or the marked services, a move or a log-tool step on the shown log, the service
// view's facts read, the log opened at an event, or what the composition root does (quit,
// repaint, suspend).
import type { LogTimeline, ServiceId } from '../source/port.js';
import type { Effect } from '../store/ui-state.js';
import type { ActionRunner } from './actions.js';
import type { ControllerOptions } from './controller-options.js';
import type { LogToolRunner } from './log-tool-runner.js';

export interface EffectPorts {
  options: Pick<ControllerOptions, 'onQuit' | 'onRedraw' | 'onSuspend'>;
  /** The shown log's timeline, if a log is shown. */
  timeline(): LogTimeline | undefined;
  tools: Pick<LogToolRunner, 'carryOut'>;
  actions: Pick<ActionRunner, 'run' | 'runAll'>;
  /** Read the service view's facts. */
  openView(id: ServiceId): void;
  /** Show the service's log ending where `atMs` was. */
  logAt(id: ServiceId, atMs: number): void;
}

export function carryOut(effect: Effect, ports: EffectPorts): void {
  switch (effect.kind) {
    case 'quit':
      return ports.options.onQuit(effect.stopServices);
    case 'redraw':
      return ports.options.onRedraw?.();
    case 'suspend':
      return ports.options.onSuspend?.();
    case 'log':
      return ports.timeline()?.move(effect.move);
    case 'logTool':
      return void ports.tools.carryOut(effect.effect);
    case 'detail':
      return ports.openView(effect.id);
    case 'logAt':
      return ports.logAt(effect.id, effect.atMs);
    case 'control': {
      // One service: its own words ("alpha: TERM sent; …"); several: one line for all.
      const [one, ...more] = effect.targets;
      if (!one) return;
      if (more.length === 0) void ports.actions.run(one.id, one.name, effect.letter, effect.target);
      else void ports.actions.runAll(effect.targets, effect.letter, effect.target);
      return;
    }
  }
}
