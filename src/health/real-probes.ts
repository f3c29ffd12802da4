// The probes the engine uses outside tests: a port rule is an HTTP request with `protocol http`,
// a TCP connect without; a program rule runs with execa in the service directory. The figures
// come from src/resources, mapped to the units rules use.
import type { ServiceResources } from '../resources/index.js';
import type { Figures, Probes } from './engine.js';
import type { ChildGroups } from './group-timeout.js';
import { probeHttp } from './http-probe.js';
import { probeProgram } from './program-probe.js';
import type { Clock } from './probe-result.js';
import { probeTcp } from './tcp-probe.js';

export function realProbes(
  clock: Clock = Date.now,
  env?: Record<string, string>,
  groups?: ChildGroups,
): Probes {
  return {
    port: (rule) =>
      rule.http
        ? probeHttp(rule, clock)
        : probeTcp(rule.host, rule.port, rule.timeoutSeconds * 1000, clock),
    program: (rule, serviceDir) =>
      probeProgram(rule, { cwd: serviceDir, clock, groups, ...(env ? { env } : {}) }),
  };
}

/**
 * src/resources' sample → the figures of rules: `cpu` the main process (% of one core, top's
 * figure, not monit's normalised one), `totalcpu` the whole tree; `memory` PSS where sampled
 * else RSS, in bytes, as monit ≥ 5.36; `children` every process of the tree but the main one, as
 * monit counts descendants; `threads` the main process's.
 */
export function figuresOf(sample: ServiceResources | undefined): Figures | undefined {
  if (!sample) return undefined;
  const { main, tree } = sample;
  const figures: Figures = {
    totalmemory: (tree.pssKB ?? tree.rssKB) * 1024,
    children: tree.children,
  };
  if (tree.cpu !== undefined) figures.totalcpu = tree.cpu;
  if (main) {
    if (main.cpu !== undefined) figures.cpu = main.cpu;
    figures.memory = (main.pssKB ?? main.rssKB) * 1024;
    figures.threads = main.threads;
  }
  return figures;
}
