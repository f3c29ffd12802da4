// Words for a rule in events, and monit's event names (MONIT_EVENT) for its failure and recovery,
// as monit 5.33 names them: a port test is a Connection, a program a Status, a resource a
// Resource limit, uptime Uptime, the restart limit monit's Timeout.
import type { Rule } from '../monitor/index.js';

export function describeRule(rule: Rule): string {
  switch (rule.kind) {
    case 'port': {
      const http = rule.http ? ` http ${rule.http.request}` : '';
      return `port ${rule.host}:${rule.port}${http}`;
    }
    case 'program':
      return `program "${rule.command.text}"`;
    case 'resource': {
      const unit = rule.unit === 'percent' ? '%' : rule.unit === 'bytes' ? ' B' : '';
      return `${rule.resource} ${rule.op} ${rule.limit}${unit}`;
    }
    case 'uptime':
      return `uptime ${rule.op} ${rule.seconds} s`;
    case 'restarts':
      return `${rule.count} restarts within ${rule.cycles} cycles`;
  }
}

export function monitEvent(rule: Rule, failed: boolean): string {
  switch (rule.kind) {
    case 'port':
      return failed ? 'Connection failed' : 'Connection succeeded';
    case 'program':
      return failed ? 'Status failed' : 'Status succeeded';
    case 'resource':
      return failed ? 'Resource limit matched' : 'Resource limit succeeded';
    case 'uptime':
      return failed ? 'Uptime failed' : 'Uptime succeeded';
    case 'restarts':
      return 'Timeout';
  }
}
