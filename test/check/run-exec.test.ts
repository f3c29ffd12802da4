// unexecdLastCommand, pure: which run scripts leave their program under the shell.
import { describe, expect, it } from 'vitest';
import { unexecdLastCommand } from '../../src/check/run-exec.js';

describe('unexecdLastCommand', () => {
  it.each([
    ['#!/bin/sh\necho starting\nsleep 1000\n', 3, 'sleep 1000'],
    ['#!/bin/sh\n./server --flag\n', 2, './server --flag'],
    [
      '#!/bin/bash\nexec 2>&1\ncd /srv\n./server --flag 2>&1 # the daemon\n\n# end\n',
      4,
      './server --flag 2>&1',
    ],
    ['#!/usr/bin/env bash\nFOO=1 node app.js\n', 2, 'FOO=1 node app.js'],
    ['#!/bin/sh -e\nsetuidgid www \\\n  ./server "a;b"\n', 2, 'setuidgid www   ./server "a;b"'],
    ['#!/bin/sh\r\nsleep 1000\r\n', 2, 'sleep 1000'],
  ])('%j: line %i', (text, line, command) => {
    expect(unexecdLastCommand(text)).toEqual({ line, text: command });
  });

  it.each([
    ['exec', '#!/bin/sh\necho starting\nexec sleep 1000\n'],
    ['exec chpst', '#!/bin/sh\nexec chpst -u www ./server\n'],
    ['exec setuidgid', '#!/bin/sh\nexec setuidgid www ./server\n'],
    ['exec s6-setuidgid', '#!/bin/sh\nexec s6-setuidgid www ./server\n'],
    ['exec envdir', '#!/bin/sh\nexec envdir ./env ./server\n'],
    ['wait', '#!/bin/sh\n./a &\n./b &\nwait\n'],
    ['a loop', '#!/bin/sh\nwhile :; do\n  ./poll\n  sleep 5\ndone\n'],
    ['if', '#!/bin/sh\nif [ -x ./x ]; then\n  exec ./x\nfi\n'],
    ['a pipe', '#!/bin/sh\n./server | logger\n'],
    ['background', '#!/bin/sh\n./server &\n'],
    ['a list', '#!/bin/sh\n./setup && ./server\n'],
    ['a subshell', '#!/bin/sh\n(./server)\n'],
    ['a here-document', '#!/bin/sh\ncat <<EOF\nhello\nEOF\n'],
    ['exit', '#!/bin/sh\necho broken\nexit 1\n'],
    ['echo', '#!/bin/sh\necho hello\n'],
    ['only comments', '#!/bin/sh\n# nothing yet\n'],
    ['empty', '#!/bin/sh\n'],
    ['python', '#!/usr/bin/env python3\nimport time\ntime.sleep(1000)\n'],
    ['perl', '#!/usr/bin/perl\nsleep 1000;\n'],
    ['execlineb', '#!/bin/execlineb -P\nsleep 1000\n'],
    ['no #!', 'sleep 1000\n'],
    ['a binary', '\x7fELF\x02\x01\x01'],
    ['an open quote', '#!/bin/sh\n./server "one\ntwo"\n'],
  ])('%s: nothing to say', (_, text) => {
    expect(unexecdLastCommand(text)).toBeUndefined();
  });
});
