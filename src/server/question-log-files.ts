import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** The question log file cannot be opened or written; the message names the file and what to do. */
export class QuestionLogError extends Error {
  override name = 'QuestionLogError';
}

/** SQLite's result code for a file that is not a database (SQLITE_NOTADB). */
const SQLITE_NOTADB = 26;

/** The shared-memory file SQLite keeps beside a log in WAL mode, and maps into the memory of every process using it. */
export const shmFileOf = (file: string): string => `${file}-shm`;

/**
 * Why this process cannot write `file` (`EACCES`: its permissions; `EPERM`: the immutable flag; `EROFS`: a disk
 * mounted read-only), or undefined when it can or the file does not exist.
 */
function whyUnwritable(file: string): string | undefined {
  try {
    accessSync(file, constants.W_OK);
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return code === 'ENOENT' ? undefined : code;
  }
}

/**
 * Stops the start when the log or the `-wal` and `-shm` files beside it exist and cannot be written: SQLite would
 * open them read-only and refuse every write for as long as the service runs.
 */
export function assertLogWritable(file: string): void {
  for (const f of [file, `${file}-wal`, shmFileOf(file)]) {
    const why = whyUnwritable(f);
    if (why) throw new QuestionLogError(unwritableMessage(file, f, why));
  }
}

/**
 * The error to report while the log's `-shm` file cannot be written, or undefined while it can. SQLite maps that
 * file into memory, and touching the mapping once the file cannot be written kills the process (SIGBUS), so the
 * log checks it before every use.
 */
export function unwritableShm(file: string): QuestionLogError | undefined {
  const shm = shmFileOf(file);
  const why = whyUnwritable(shm);
  return why ? new QuestionLogError(unwritableMessage(file, shm, why)) : undefined;
}

function unwritableMessage(logFile: string, file: string, why: string): string {
  const which =
    file === logFile
      ? `the question log ${logFile} cannot be written (${why}); `
      : `${file} cannot be written (${why}); SQLite needs to write it beside the question log ${logFile}: `;
  return `${which}let the user the service runs as write it (chown, chmod, and chattr -i if lsattr shows the i flag), or set HANDBOOK_DATA_DIR to a folder it can write`;
}

/** Says which file could not be opened and what to do about it. */
export function openError(file: string, cause: unknown): QuestionLogError {
  const code = (cause as { errcode?: number }).errcode;
  if (code === SQLITE_NOTADB) {
    return new QuestionLogError(
      `the question log ${file} is not a SQLite database (it is damaged, or another file took its place); move it aside (mv ${file} ${file}.damaged) and start again: the service then creates a fresh question log`,
      { cause },
    );
  }
  return new QuestionLogError(
    `the question log ${file} could not be opened (${(cause as Error).message}); check that this user can write to ${path.dirname(file)} and its files, or set HANDBOOK_DATA_DIR to a folder it can write`,
    { cause },
  );
}
