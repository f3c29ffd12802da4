// Control for the console, through src/control's svc-compatible client.
import { sendControl } from '../../control/send.js';

export { sendControl };

/** Whether this process may write supervise/control (the console is read-only otherwise). */
export function mayControl(dir: string): boolean {
  const result = sendControl(dir, '');
  return result.ok || result.code !== 'EACCES';
}
