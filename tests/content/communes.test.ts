import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCommunes } from '../../src/content/communes.ts';
import { FIXTURE_HANDBOOK, REAL_HANDBOOK } from '../support/paths.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'handbook-communes-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('loadCommunes', () => {
  it('reads the handbook’s list, and an empty list without the file', () => {
    expect(loadCommunes(FIXTURE_HANDBOOK).map((c) => c.id)).toEqual(['phuong-bac-son', 'xa-an-binh', 'xa-tan-phu']);
    expect(loadCommunes(REAL_HANDBOOK).length).toBeGreaterThan(0);
    expect(loadCommunes(dir)).toEqual([]);
  });

  it('names the file and line of every problem', async () => {
    await writeFile(
      path.join(dir, 'communes.yaml'),
      '- id: xa-an-binh\n  name: Xã An Bình\n- id: Xa Tan Phu\n  name: Xã Tân Phú\n- id: xa-an-binh\n  name: X\n',
    );
    const file = `${path.basename(dir)}/communes.yaml`;
    expect(() => loadCommunes(dir, path.dirname(dir))).toThrow(
      'The handbook has 2 problems; fix the entries below and build again.\n' +
        `  ${file}:3: 1.id: write lowercase ASCII words joined by hyphens, for example "xa-an-binh" (got "Xa Tan Phu")\n` +
        `  ${file}:6: 2.name: write the name (at least 2 characters) (got "X")`,
    );
  });

  it('refuses two communes with the same id', async () => {
    await writeFile(path.join(dir, 'communes.yaml'), '- id: xa-an-binh\n  name: Xã An Bình\n- id: xa-an-binh\n  name: Xã An Bình 2\n');
    expect(() => loadCommunes(dir, path.dirname(dir))).toThrow(
      `${path.basename(dir)}/communes.yaml:3: 1.id: "xa-an-binh" is already the id of item 0; give each commune its own id`,
    );
  });
});
