// The svc menu's entries: every letter for the service itself, then — when it has one — what an
// operator does to its log service (start, rotate, restart, stop the logger), each a letter sent
// to log/'s supervisor. Uppercase keys reach the log service's entries.
import { controlLetters, type ControlLetter } from '../codec/letters.js';

export type Target = 'service' | 'log';

export interface MenuItem {
  target: Target;
  letter: ControlLetter;
  /** The key that sends it from the menu. */
  key: string;
  name: string;
  does: string;
  asks: boolean;
}

const serviceItems: readonly MenuItem[] = controlLetters.map((l) => ({
  target: 'service',
  letter: l.letter,
  key: l.letter,
  name: l.name,
  does: l.does,
  asks: l.asks,
}));

const logItems: readonly MenuItem[] = [
  { target: 'log', letter: 'u', key: 'U', name: 'log up', does: 'start the logger', asks: false },
  {
    target: 'log',
    letter: 'a',
    key: 'A',
    name: 'log rotate',
    does: 'ALRM to the logger: multilog starts a new current',
    asks: false,
  },
  {
    target: 'log',
    letter: 't',
    key: 'T',
    name: 'log restart',
    does: 'TERM the logger; it is started again, no line lost',
    asks: true,
  },
  {
    target: 'log',
    letter: 'd',
    key: 'D',
    name: 'log down',
    does: 'stop the logger; the service blocks once its pipe fills',
    asks: true,
  },
];

export function menuItems(hasLog: boolean): readonly MenuItem[] {
  return hasLog ? [...serviceItems, ...logItems] : serviceItems;
}
