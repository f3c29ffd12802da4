// The zones the golden files were recorded in, and the file name of each.
export const ZONES = [
  { tz: 'UTC', file: 'utc' },
  { tz: 'right/US/Pacific', file: 'right-us-pacific' },
  { tz: 'Asia/Kathmandu', file: 'asia-kathmandu' },
  { tz: 'Europe/Moscow', file: 'europe-moscow' },
  { tz: 'America/Sao_Paulo', file: 'america-sao-paulo' },
  { tz: 'CET-1CEST,M3.5.0,M10.5.0/3', file: 'posix-cet' },
];
