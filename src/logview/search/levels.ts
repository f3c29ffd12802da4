// The words that make a line an error or a warning for e/E and w/W (lnav's keys), as queries:
// whole words, any case. The operator may write others in the tree's .svtui/logview
// (level-config.ts).
export const DEFAULT_LEVEL_PATTERNS = {
  error:
    '\\b(?:error|errors|err|fail|fails|failed|failure|fatal|panic|panicked|exception|critical|crit|emerg|alert)\\b',
  warning: '\\b(?:warn|warns|warning|warnings)\\b',
} as const;

export type LevelPatterns = { error: string; warning: string };
