/** Exit codes of the `annexes` command. */
export const EXIT = {
  ok: 0,
  /** The application data (or a labels file) is invalid. */
  invalidInput: 1,
  /** The command line is wrong, or the output cannot be written where it asks. */
  usage: 2,
  /** A bug or an unexpected failure of the tool itself. */
  internal: 3,
} as const;

/** A failure the user can fix: printed as one line, no stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.invalidInput,
  ) {
    super(message);
  }
}
