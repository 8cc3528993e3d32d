/**
 * Why a set of documents could not be written, with what the user needs to act: the file concerned (never the
 * temporary name), the system's error code, and — when the failure came after the first document was replaced —
 * which documents are new and which are still the previous version.
 */
export type OutputFailure =
  /** The file system refused (no space, no permission, read-only, a file where a folder should be…). */
  | 'fs'
  /** Another program holds the file open (Windows: Word, a PDF viewer) and the system refuses to replace it. */
  | 'busy'
  /** A symbolic link stands where the tool writes: it would lead the documents out of the output folder. */
  | 'symlink'
  /** Another build writes into the same folder and did not finish in time. */
  | 'locked';

export class OutputError extends Error {
  constructor(
    readonly failure: OutputFailure,
    /** The document (or folder) concerned. */
    readonly path: string,
    /** The system's error code (ENOSPC, EACCES…), when there is one. */
    readonly code: string | undefined,
    /** Documents already replaced by their new version when the build stopped. */
    readonly replaced: readonly string[] = [],
    /** Documents left as their previous version (or absent) because the build stopped. */
    readonly kept: readonly string[] = [],
    /** Process id of the other build, for `locked`. */
    readonly holder?: number,
  ) {
    super(`${failure}${code ? ` ${code}` : ''}: ${path}`);
    this.name = 'OutputError';
  }
}
