import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keywordCodeFiles, keywordCodeHash } from '../../src/indexing/source-hash.ts';
import { lexicalTerms } from '../../src/retrieval/lexical-terms.ts';
import { ROOT } from '../support/paths.ts';

describe('the hash of the code that makes keyword terms', () => {
  it('covers the word folding, the terms and the English stemmer the terms come from', () => {
    const files = keywordCodeFiles().map((f) => path.relative(ROOT, f).split(path.sep).join('/'));
    expect(files).toEqual(expect.arrayContaining(['src/text/fold.ts', 'src/retrieval/lexical-terms.ts', 'node_modules/stemmer/index.js']));
    // The stemmer does make English terms: an upgrade that stems differently must rebuild the index.
    expect(lexicalTerms('registrations', 'en')).toContain('registr');
  });

  it('is the same for the same code', () => {
    expect(keywordCodeHash()).toMatch(/^[0-9a-f]{64}$/);
    expect(keywordCodeHash()).toBe(keywordCodeHash());
  });
});
