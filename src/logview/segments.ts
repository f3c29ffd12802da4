// A log directory as one timeline (pure): the rotated files `@<24 hex>.s` and `.u` (finished
// by multilog or svlogd; `.u` = unfinished when the logger died) in name order, which is time
// order, then `current`. And the rotation-aware mapping of a remembered position onto a fresh
// listing: by file identity first (multilog and svlogd rename or link `current` to `@….s`, so
// the inode survives rotation; an inode listed under a name no rotation gives is a new file's),
// then by name, else to the next file in time (the old one was deleted by retention).
import type { LogPosition } from './types.js';

export interface Segment {
  name: string;
  /** `dev:ino`. */
  id: string;
  size: number;
}

const ROTATED = /^@[0-9a-f]{24}\.[su]$/;

/** Where multilog and s6-log put `current` between its rename and its link to `@….s`. */
export const ROTATING = 'previous';

export function isTimelineName(name: string): boolean {
  return name === 'current' || ROTATED.test(name);
}

/** The timeline's file names, oldest first, `current` (if present) last. */
export function timelineNames(names: readonly string[]): string[] {
  const rotated = names.filter((n) => ROTATED.test(n)).sort();
  return names.includes('current') ? [...rotated, 'current'] : rotated;
}

/**
 * Whether a file known under the name `was` and listed as `now` (same identity) is still that
 * file: the same name, or one a rotation gives (`current` → `previous` → `@….s`, `current` →
 * `@….s`). A rotated file is never renamed again: listed otherwise, its inode is a new file's
 * (multilog deletes the oldest file just before it opens the next `current`).
 */
export function renamedByRotation(was: string, now: string): boolean {
  if (now === was) return true;
  return now !== 'current' && (was === 'current' || was === ROTATING);
}

export interface MappedPosition {
  /** Index into the segments. */
  index: number;
  offset: number;
  /** The position's file is gone: this is the start of the next one. */
  moved: boolean;
}

export function mapPosition(
  position: LogPosition,
  segments: readonly Segment[],
): MappedPosition | undefined {
  if (segments.length === 0) return undefined;
  let index = segments.findIndex(
    (s) => s.id === position.fileId && renamedByRotation(position.name, s.name),
  );
  if (index < 0 && position.name !== 'current') {
    index = segments.findIndex((s) => s.name === position.name);
  }
  if (index >= 0) {
    const offset = Math.min(position.offset, segments[index]!.size);
    return { index, offset, moved: false };
  }
  // Gone. A rotated file: the oldest one newer than it. `current` (rotated through a processor,
  // so its bytes now live in a new file): the newest rotated file.
  if (position.name === 'current') {
    const newestRotated = segments.findLastIndex((s) => s.name !== 'current');
    return { index: Math.max(0, newestRotated), offset: 0, moved: true };
  }
  const next = segments.findIndex((s) => s.name === 'current' || s.name > position.name);
  return { index: next < 0 ? segments.length - 1 : next, offset: 0, moved: true };
}

/** How far into the timeline a position is, by bytes: 0 at its start, 1 at its end. */
export function timelineFraction(position: LogPosition, segments: readonly Segment[]): number {
  const total = segments.reduce((sum, s) => sum + s.size, 0);
  const index = segments.findIndex((s) => s.id === position.fileId);
  const before = segments.slice(0, Math.max(0, index)).reduce((sum, s) => sum + s.size, 0);
  return total > 0 ? Math.min(1, (before + position.offset) / total) : 0;
}
