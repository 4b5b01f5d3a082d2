import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadHandbook } from '../../src/content/load-handbook.ts';
import { ensureIndex } from '../../src/service/question-index.ts';
import { tempHandbook } from '../support/index-fixture.ts';

vi.mock('../../src/content/load-handbook.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/content/load-handbook.ts')>();
  return { ...original, loadHandbook: vi.fn(original.loadHandbook) };
});

/** Collects the log lines that announce a rebuild (the build itself logs progress too). */
function rebuilds() {
  const lines: string[] = [];
  return { log: (line: string) => void (line.startsWith('building the question index') && lines.push(line)), lines };
}

describe('deciding at start whether the question index is current', () => {
  it('does not parse the handbook when its files are those the index was built from', async () => {
    const config = await tempHandbook();
    const keywordOnly = { ...config, model: { ...config.model, enabled: false } };
    const { log, lines } = rebuilds();
    const built = await ensureIndex(keywordOnly, undefined, log);
    expect(lines).toEqual(['building the question index: no index has been built yet']);

    vi.mocked(loadHandbook).mockClear();
    expect(await ensureIndex(keywordOnly, undefined, log)).toBe(built);
    expect(loadHandbook).not.toHaveBeenCalled();
    expect(lines).toHaveLength(1);
  });

  it('parses again when a file changed, and rebuilds only when an entry did', async () => {
    const config = await tempHandbook();
    const { log, lines } = rebuilds();
    const first = await ensureIndex(config, undefined, log);
    const file = path.join(config.handbookDir, 'vi/certification/chung-thuc-ban-sao.md');
    const source = await readFile(file, 'utf8');

    // A trailing blank line changes the file, not the entry.
    await writeFile(file, `${source}\n`);
    vi.mocked(loadHandbook).mockClear();
    expect(await ensureIndex(config, undefined, log)).toBe(first);
    expect(loadHandbook).toHaveBeenCalled();
    expect(lines).toHaveLength(1);

    await writeFile(file, source.replace('tối đa 200.000 đồng/bản', 'tối đa 200.000 đồng một bản'));
    expect(await ensureIndex(config, undefined, log)).not.toBe(first);
    expect(lines.at(-1)).toBe('building the question index: 1 entries changed or added, 0 removed');
  });

  it('rebuilds a damaged index even when the handbook files did not change', async () => {
    const config = await tempHandbook();
    const { log, lines } = rebuilds();
    const dir = await ensureIndex(config, undefined, log);
    await writeFile(path.join(dir, 'entries.json'), '[]');
    expect(await ensureIndex(config, undefined, log)).not.toBe(dir);
    expect(lines.at(-1)).toMatch(
      /^building the question index: cannot use .*entries\.json \(its checksum does not match the manifest: the file is damaged\); rebuild the index with npm run index$/,
    );
  });

  it('rebuilds an index whose keyword terms were made by other code, though no entry changed', async () => {
    const config = await tempHandbook();
    const { log, lines } = rebuilds();
    const dir = await ensureIndex(config, undefined, log);
    // What an index built before an upgrade of the word folding looks like: its manifest names other code.
    const manifestFile = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, unknown>;
    await writeFile(manifestFile, JSON.stringify({ ...manifest, keywordCode: 'older code' }));

    const rebuilt = await ensureIndex(config, undefined, log);
    expect(rebuilt).not.toBe(dir);
    expect(lines.at(-1)).toBe('building the question index: the keyword index was made by other code (word folding or terms changed)');
    expect(await ensureIndex(config, undefined, log)).toBe(rebuilt);
    expect(lines).toHaveLength(2);
  });
});
