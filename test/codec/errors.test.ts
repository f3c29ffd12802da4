// daemontools' words for errno values (spec §0.2), including the rest of its error_str table.
import { describe, expect, it } from 'vitest';
import { describeError, errorText } from '../../src/codec/errors.js';

describe('errorText', () => {
  it('uses the spec table and unknown error for the rest', () => {
    expect(errorText('ENOENT')).toBe('file does not exist');
    expect(errorText('EAGAIN')).toBe('temporary failure');
    expect(errorText('ENXIO')).toBe('device not configured');
    expect(errorText('EOVERFLOW')).toBe('unknown error');
    expect(errorText(undefined)).toBe('unknown error');
    expect(describeError(new Error('no code'))).toBe('unknown error');
  });

  it('knows the rest of error_str as built on Linux, libuv names included', () => {
    expect(errorText('EBADF')).toBe('file descriptor not open');
    expect(errorText('ENODEV')).toBe('device does not support operation');
    expect(errorText('ENOTSUP')).toBe('operation not supported');
    expect(errorText('ETIMEDOUT')).toBe('timed out');
    expect(errorText('EDEADLK')).toBe('operation would cause deadlock');
  });
});
