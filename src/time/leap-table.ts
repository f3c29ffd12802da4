// The 27 leap seconds inserted so far (spec §5.2), for `right/` zones whose zoneinfo file is not
// installed: each was inserted at the end of the given UTC day. Pure data.
import type { LeapRecord } from './tzif.js';
import { daysFromCivil } from './civil.js';

const INSERTED_AFTER: Array<[number, number, number]> = [
  [1972, 6, 30],
  [1972, 12, 31],
  [1973, 12, 31],
  [1974, 12, 31],
  [1975, 12, 31],
  [1976, 12, 31],
  [1977, 12, 31],
  [1978, 12, 31],
  [1979, 12, 31],
  [1981, 6, 30],
  [1982, 6, 30],
  [1983, 6, 30],
  [1985, 6, 30],
  [1987, 12, 31],
  [1989, 12, 31],
  [1990, 12, 31],
  [1992, 6, 30],
  [1993, 6, 30],
  [1994, 6, 30],
  [1995, 12, 31],
  [1997, 6, 30],
  [1998, 12, 31],
  [2005, 12, 31],
  [2008, 12, 31],
  [2012, 6, 30],
  [2015, 6, 30],
  [2016, 12, 31],
];

/**
 * The leap records a `right/` TZif file carries: in the leap-counting time scale, the n-th
 * inserted second (n from 1) starts at the following midnight's Unix time + n − 1.
 */
export function builtinLeapRecords(): LeapRecord[] {
  return INSERTED_AFTER.map(([y, m, d], i) => ({
    transition: (daysFromCivil(y, m, d) + 1) * 86400 + i,
    correction: i + 1,
  }));
}
