import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The fixture handbook: a few real-shaped entries, one draft, one translation. */
export const FIXTURE_HANDBOOK = path.join(ROOT, 'tests/fixtures/handbook');
/** Where the global setup builds the fixture site. */
export const FIXTURE_SITE = path.join(ROOT, '.cache/test-site');
/** The tiny random-weight model made by scripts/make-tiny-model.ts. */
export const TINY_MODEL = path.join(ROOT, 'tests/fixtures/models/tiny-random-bert');
/** The project's own handbook, and where the global setup builds its site for the search-ranking browser test. */
export const REAL_HANDBOOK = path.join(ROOT, 'handbook');
export const REAL_SITE = path.join(ROOT, '.cache/test-site-handbook');
