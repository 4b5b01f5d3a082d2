/** A mistake in how a command was called (a bad flag or value): printed as one line, exit code 2. */
export class CliError extends Error {
  override name = 'CliError';
}
