// Keys while a search counts (the log tool's budget: no key waits more than 50 ms while a search
// runs over the 1 GB log). The console's log pane has the keys; a regular expression that matches
// nothing makes the count read the whole timeline in the background. PgUp and PgDn alternate;
// a press is timed from just before send-keys to the first capture whose log lines differ from
// the lines before it (the title changes by itself as the count moves on, so it is left out),
// and kept only when the title still said the count was running when the key went. When a
// count ends, Esc and the same search start it again.
import { performance } from 'node:perf_hooks';

const QUERY = 'zq[0-9]{3}qz';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The log pane's lines below its title (escapes dropped), and its title. */
function pane(screen) {
  const lines = screen.split('\n');
  const at = lines.findIndex((l) => l.startsWith('▶ log '));
  return { title: lines[at] ?? '', body: lines.slice(at + 1, -2).join('\n') };
}

const counting = (title) => /\/zq\S* \d[\d,]*\+? hits? \d+%/.test(title);

async function startSearch(terms, name) {
  await terms.key(name, 'Escape');
  await sleep(100);
  await terms.key(name, '/');
  await terms.tmux.command(`send-keys -t ${name} -l '${QUERY}'`);
  await terms.key(name, 'Enter');
  await terms.until(name, (s) => counting(pane(s).title), { timeoutMs: 5000 });
}

/** `presses` timed keys while a search counts; ms each. */
export async function keysWhileSearching(terms, name, presses, gapMs) {
  const times = [];
  let restarts = 0;
  await startSearch(terms, name);
  for (let i = 0; times.length < presses && i < presses * 4; i++) {
    const before = pane(await terms.screen(name, false));
    if (!counting(before.title)) {
      restarts++;
      await startSearch(terms, name);
      continue;
    }
    const start = performance.now();
    await terms.key(name, i % 2 ? 'PageDown' : 'PageUp');
    for (;;) {
      const now = pane(await terms.screen(name, false));
      const t = performance.now() - start;
      if (now.body !== before.body) {
        times.push(t);
        break;
      }
      if (t > 2000) break;
    }
    await sleep(gapMs);
  }
  await terms.key(name, 'Escape');
  await sleep(150); // an Escape followed at once by a letter reads as Alt+letter
  return { times, restarts };
}
