/** One problem found in a handbook file, located for the person who must fix it. */
export interface EntryProblem {
  /** Path of the file, relative to the project root. */
  file: string;
  /** 1-based line in the file; 1 when the problem concerns the whole file. */
  line: number;
  /** The frontmatter field concerned, dotted (`aliases.2`), or empty. */
  field: string;
  /** What is wrong and what to write instead. */
  message: string;
}

/** Formats a problem as `file:line: field: message`, the form editors and CI logs link. */
export function formatProblem(p: EntryProblem): string {
  return `${p.file}:${p.line}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

/** Thrown when the handbook has entries that the site and the index must not accept. */
export class HandbookError extends Error {
  readonly problems: EntryProblem[];
  constructor(problems: EntryProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`The handbook has ${count}; fix the entries below and build again.\n` + problems.map((p) => `  ${formatProblem(p)}`).join('\n'));
    this.name = 'HandbookError';
    this.problems = problems;
  }
}
