// daemontools' own words for errno values (spec §0.2): the real tools print these, not strerror().

const texts: Record<string, string> = {
  ENOENT: 'file does not exist',
  EACCES: 'access denied',
  EPERM: 'permission denied',
  ENOTDIR: 'not a directory',
  EAGAIN: 'temporary failure',
  EWOULDBLOCK: 'temporary failure',
  ENXIO: 'device not configured',
  EFBIG: 'file too big',
  ENOSPC: 'out of disk space',
  EISDIR: 'is a directory',
  EEXIST: 'file already exists',
  EINTR: 'interrupted system call',
  ENOMEM: 'out of memory',
  EIO: 'input/output error',
  ETXTBSY: 'text busy',
  EPIPE: 'broken pipe',
  EROFS: 'read-only file system',
  EDQUOT: 'disk quota exceeded',
  ELOOP: 'symbolic link loop',
  ENAMETOOLONG: 'file name too long',
  ENOTEMPTY: 'directory not empty',
  EBUSY: 'device busy',
  EXDEV: 'cross-device link',
  EINVAL: 'invalid argument',
  EMFILE: 'process cannot open more files',
  ENFILE: 'system cannot open more files',
  ENOEXEC: 'exec format error',
  ECHILD: 'no child processes',
  ESRCH: 'no such process',
  E2BIG: 'argument list too long',
  ESPIPE: 'unseekable descriptor',
  EMLINK: 'too many links',
  ENOLCK: 'no locks available',
  ENOSYS: 'system call not available',
};

/** The daemontools text for an errno code such as `ENOENT`; `unknown error` for anything else. */
export function errorText(code: string | undefined): string {
  return (code !== undefined && texts[code]) || 'unknown error';
}

/** The errno code of a Node system error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** `errorText(errorCode(error))`: the daemontools text for a thrown Node error. */
export function describeError(error: unknown): string {
  return errorText(errorCode(error));
}
