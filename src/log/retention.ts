// Which rotated files go (spec §4.5 "finishing"): entries named `@…` of at least 25 characters
// count; while there are n or more, the one with the smallest first 25 characters is deleted. So
// at most n − 1 old files remain.

const LABEL_NAME_LENGTH = 25;

/** The names to delete from a directory listing `names` so that fewer than `count` old files remain. */
export function expiredFiles(names: readonly string[], count: number): string[] {
  const old = names
    .filter((n) => n.startsWith('@') && n.length >= LABEL_NAME_LENGTH)
    .sort((a, b) => {
      const x = a.slice(0, LABEL_NAME_LENGTH);
      const y = b.slice(0, LABEL_NAME_LENGTH);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  return old.slice(0, Math.max(0, old.length - count + 1));
}
