// The console's log reading engine (no UI). For one service:
//
//   const found = findLogDir(serviceDir);          // { path, how, tool?, note }
//   const view = openLogView(found.path, { rows }); // opens at the tail, following
//   view.lines();                                   // raw lines of the window, oldest first
//   view.pageUp(); view.pageDown(); view.top(); view.tail();
//   const off = view.onChange(render);              // batched, fires on changes on disk
//   const pos = view.position(); ... view.restore(pos); // keep a place per service
//   sanitizeLine(decodeLabelLine(line, zone), { width }) // at render time, in the console
//   view.close();
//
// Keeping a place per service: `new LogPlaces({ view: { rows }, onChange: render })`, then
// `places.select(logDir)` on every selection. By hand: save `view.following ? undefined :
// view.position()` when the operator switches away, and reopen with `openLogView(dir, { rows,
// restore: saved })` (undefined = the tail, following). Moves are synchronous (lines() is
// ready when pageUp returns); onChange fires only for changes on disk, not for moves; the
// watcher and its timers never keep the process alive.
//
// A log directory is one timeline: the rotated `@<tai64n>.s`/`.u` files sorted by name (= time
// order), then `current`. Reading is by positional reads of bounded windows: the tail comes
// from a read backwards from the end, `top` from the first bytes of the oldest file; no file is
// ever read whole, so a 1 GB `current` opens at once. A position is (file identity, byte
// offset): it survives `current` being renamed at rotation, and a file deleted by retention
// maps to the next file. Lines longer than `maxLineBytes` come cut with `… [+N bytes]`; every
// line must go through sanitizeLine before it reaches the terminal.
//
// Pure parts: run-script.ts (log/run → directory), segments.ts (directory listing → ordered
// timeline, position mapping), split.ts (lines of a window read backwards or forwards),
// decode.ts (bytes → text, invalid bytes as `\xNN`), sanitize.ts, char-width.ts.
// moves.ts places a move (tail, top, up, down, stay) on a listing: all the paging rules.
// I/O: find-log-dir.ts, files.ts (positional reads), watch.ts; view.ts ties them together.
//
// The log tool (search, filters, error steps, time jumps, merged timelines, restart markers)
// sits beside the view and is reached through the LogTimeline port (source/port.ts):
//   search/  — query.ts (what is typed: regex or literal, smart case, `!`), stamp.ts (the stamp
//              of each logger and where the message starts: search matches messages only),
//              chunk-match.ts + literal.ts (the lines of a chunk that match, fast), filters.ts
//              (composition), chunks.ts (a timeline in chunks, in slices), search-run.ts (count
//              and nearest hit), filtered-window.ts, timeline-tools.ts (all of it for one log);
//   time/    — parse-time.ts (jump text in a zone), local-instant.ts (wall time → instant),
//              jump.ts (file names, then a binary search on labels), decode-stamp.ts;
//   merge/   — merge-order.ts (pure order), streams.ts, merged-window.ts, merged-search.ts,
//              restart-markers.ts + events-file.ts, merged-timeline.ts.
// For the pane: decodeStampLine(line, zone, systemZone) decodes any logger's stamp into the
// zone and says where the message starts, so the hit spans of window().hits (offsets into the
// raw line) move by `messageAt - rawMessageAt` on the decoded text.
export type {
  LogPosition,
  LogView,
  LogViewInfo,
  LogViewNoteCode,
  LogViewOptions,
} from './types.js';
export { findLogDir, type FoundLogDir } from './find-log-dir.js';
export { logDirFromRunScript, type LogTool, type RunScriptLogDir } from './run-script.js';
export { sanitizeLine, cutMarker, type SanitizeOptions } from './sanitize.js';
export { charWidth } from './char-width.js';
export { openLogView } from './view.js';
export { LogPlaces, type LogPlacesOptions } from './places.js';
export { decodeStampLine, type DecodedLine } from './time/decode-stamp.js';
export { readStamp, messageStart, type Stamp } from './search/stamp.js';
export { parseQuery, isQueryError, type SearchQuery } from './search/query.js';
