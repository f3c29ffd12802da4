// The test vectors of spec §5.3 (V1–V32), observed with the real tai64nlocal. `real` is what it
// printed; undefined where it crashed (SIGSEGV) — svtui prints `svtui` there: the line unchanged.
export interface Vector {
  id: string;
  tz: string;
  input: string;
  real: string | undefined;
  svtui: string;
}

const LOGSTASH = '@400000005147c8cb14bac91c starting logstash\n';

function v(id: string, tz: string, input: string, real: string | undefined): Vector {
  return { id, tz, input, real, svtui: real ?? input };
}

export const vectors: Vector[] = [
  v('V1', 'UTC', LOGSTASH, '2013-03-19 02:09:05.347785500 starting logstash\n'),
  v('V2', 'right/US/Pacific', LOGSTASH, '2013-03-18 19:08:40.347785500 starting logstash\n'),
  v('V3', 'right/UTC', LOGSTASH, '2013-03-19 02:08:40.347785500 starting logstash\n'),
  v('V4', 'US/Pacific', LOGSTASH, '2013-03-18 19:09:05.347785500 starting logstash\n'),
  v('V5', 'right/UTC', '@40000000586846a400000000 leap\n', '2016-12-31 23:59:60.000000000 leap\n'),
  v(
    'V6',
    'right/UTC',
    '@40000000586846a500000000 after-leap\n',
    '2017-01-01 00:00:00.000000000 after-leap\n',
  ),
  v('V7', 'UTC', '@40000000586846a400000000 leap\n', '2017-01-01 00:00:26.000000000 leap\n'),
  v(
    'V8',
    'right/US/Pacific',
    '@40000000586846a400000000 leap\n',
    '2016-12-31 15:59:60.000000000 leap\n',
  ),
  v('V9', 'right/UTC', '@4000000004b2580a00000000 t\n', '1972-06-30 23:59:60.000000000 t\n'),
  v('V10', 'UTC', '@400000000000000a00000000 epoch\n', '1970-01-01 00:00:00.000000000 epoch\n'),
  v(
    'V11',
    'UTC',
    '@400000000000000000000000 epoch-10\n',
    '1969-12-31 23:59:50.000000000 epoch-10\n',
  ),
  v('V12', 'UTC', '@3ffffffffffeae8a00000000 pre1970\n', '1969-12-31 00:00:00.000000000 pre1970\n'),
  v('V13', 'UTC', '@400000008000000a00000000 y2038\n', '2038-01-19 03:14:08.000000000 y2038\n'),
  v(
    'V14',
    'right/UTC',
    '@400000008000000a00000000 y2038\n',
    '2038-01-19 03:13:41.000000000 y2038\n',
  ),
  v('V15', 'UTC', '@400000010000000a00000000 y2106\n', '2106-02-07 06:28:16.000000000 y2106\n'),
  v('V16', 'UTC', '@4000003afff4418a00000000 y10000\n', '10000-01-01 00:00:00.000000000 y10000\n'),
  v('V17', 'UTC', '@3ffffff1886e090a00000000 c\n', '1-01-01 00:00:00.000000000 c\n'),
  v(
    'V18',
    'UTC',
    '@3ffffff1868b840900000000 t\n',
    '18446744073709551615-12-31 23:59:59.000000000 t\n',
  ),
  v(
    'V19',
    'UTC',
    '@400000005147c8cbffffffff bignano\n',
    '2013-03-19 02:09:05.4294967295 bignano\n',
  ),
  v('V20', 'UTC', '@400000005147C8CB14BAC91C upper\n', undefined),
  v('V21', 'UTC', '@4000000051 short\n', undefined),
  v('V22a', 'UTC', '@\n', undefined),
  v('V22b', 'UTC', '@ nohex\n', undefined),
  v('V23', 'UTC', '@400000005147c8cb14bac91c0 extra\n', undefined),
  v(
    'V24',
    'UTC',
    '@0000000000000000400000005147c8cb14bac91c lead0\n',
    '2013-03-19 02:09:05.347785500 lead0\n',
  ),
  v('V25', 'UTC', 'x @400000005147c8cb14bac91c mid\n', 'x @400000005147c8cb14bac91c mid\n'),
  v('V26', 'UTC', '@400000005147c8cb14bac91cx\n', '2013-03-19 02:09:05.347785500x\n'),
  v('V27', 'UTC', '@400000005147c8cb14bac91c\t tab\n', '2013-03-19 02:09:05.347785500\t tab\n'),
  v('V28', 'UTC', '@400000005147c8cb14bac91c', ''),
  v('V29', 'UTC', '@400000005147c8cb14bac91c x', '2013-03-19 02:09:05.347785500 x'),
  v('V30', 'UTC', 'plain no newline', 'plain no newline'),
  v('V31', 'Asia/Kolkata', LOGSTASH, '2013-03-19 07:39:05.347785500 starting logstash\n'),
  {
    id: 'V32',
    tz: 'UTC',
    input: '@400000005147c8cb14bac91c valid\n@bad\n',
    real: undefined,
    svtui: '2013-03-19 02:09:05.347785500 valid\n@bad\n',
  },
];
