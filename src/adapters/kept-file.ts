// A file written through a descriptor kept open between writes: no open, path lookup and close
// per write. It is opened at the first write, and again when the file was removed meanwhile (an
// operator clearing it); the descriptor follows its directory wherever that is renamed.
import { closeSync, fstatSync, openSync } from 'node:fs';

export class KeptFile {
  private fd: number | undefined;

  constructor(
    private readonly path: () => string,
    private readonly flags: string | number,
    private readonly mode = 0o644,
  ) {}

  /** The descriptor, and whether it was opened just now (its size is then worth reading). */
  open(): { fd: number; fresh: boolean } {
    if (this.fd !== undefined && fstatSync(this.fd).nlink > 0) return { fd: this.fd, fresh: false };
    this.close();
    this.fd = openSync(this.path(), this.flags, this.mode);
    return { fd: this.fd, fresh: true };
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
