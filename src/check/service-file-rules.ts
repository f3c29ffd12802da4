// The rules of `svtui check` about s6's one-value files (notification-fd, timeout-kill,
// timeout-finish, down-signal): each value judged by the same code the supervisor uses
// (src/codec/service-files.ts), a refused one a finding naming the file. Pure, like rules.ts,
// which calls them.
import { settingsOf, type SettingFile } from '../codec/service-files.js';
import type { Finding } from './tree.js';

/** `path`: a service (or log) directory whose setting files hold `texts`. */
export function settingProblems(
  texts: Partial<Record<SettingFile, string>> | undefined,
  path: string,
): Finding[] {
  if (!texts) return [];
  const present = new Set(Object.keys(texts));
  return settingsOf(present, texts, false).problems.map(({ file, message }) => ({
    path: `${path}/${file}`,
    message: `${message}: ${IGNORED}`,
  }));
}

const IGNORED = 'svtui scan warns and uses the default';
