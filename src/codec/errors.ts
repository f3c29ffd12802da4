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
  // The rest of daemontools' error_str table as built on Linux (the strings are in the binaries).
  ETIMEDOUT: 'timed out',
  EINPROGRESS: 'operation in progress',
  EPROTO: 'protocol error',
  ECONNREFUSED: 'connection refused',
  EBADF: 'file descriptor not open',
  EFAULT: 'bad address',
  ENOTBLK: 'not a block device',
  ENODEV: 'device does not support operation',
  ENOTTY: 'not a tty',
  EDOM: 'input out of range',
  ERANGE: 'output out of range',
  EALREADY: 'operation already in progress',
  ENOTSOCK: 'not a socket',
  EDESTADDRREQ: 'destination address required',
  EMSGSIZE: 'message too long',
  EPROTOTYPE: 'incorrect protocol type',
  ENOPROTOOPT: 'protocol not available',
  EPROTONOSUPPORT: 'protocol not supported',
  ESOCKTNOSUPPORT: 'socket type not supported',
  EOPNOTSUPP: 'operation not supported',
  ENOTSUP: 'operation not supported', // libuv's name for EOPNOTSUPP (the same number on Linux)
  EPFNOSUPPORT: 'protocol family not supported',
  EAFNOSUPPORT: 'address family not supported',
  EADDRINUSE: 'address already used',
  EADDRNOTAVAIL: 'address not available',
  ENETDOWN: 'network down',
  ENETUNREACH: 'network unreachable',
  ENETRESET: 'network reset',
  ECONNABORTED: 'connection aborted',
  ECONNRESET: 'connection reset',
  ENOBUFS: 'out of buffer space',
  EISCONN: 'already connected',
  ENOTCONN: 'not connected',
  ESHUTDOWN: 'socket shut down',
  ETOOMANYREFS: 'too many references',
  EHOSTDOWN: 'host down',
  EHOSTUNREACH: 'host unreachable',
  EUSERS: 'too many users',
  ESTALE: 'stale NFS file handle',
  EREMOTE: 'too many levels of remote in path',
  ENOSTR: 'not a stream device',
  ETIME: 'timer expired',
  ENOSR: 'out of stream resources',
  ENOMSG: 'no message of desired type',
  EBADMSG: 'bad message type',
  EIDRM: 'identifier removed',
  ENONET: 'machine not on network',
  ENOLINK: 'link severed',
  EADV: 'advertise error',
  ESRMNT: 'srmount error',
  ECOMM: 'communication error',
  EMULTIHOP: 'multihop attempted',
  EREMCHG: 'remote address changed',
  EDEADLK: 'operation would cause deadlock',
  EDEADLOCK: 'operation would cause deadlock',
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
