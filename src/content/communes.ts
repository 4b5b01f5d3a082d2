import path from 'node:path';
import { z } from 'astro/zod';
import { HandbookError, type EntryProblem } from './entry-error.ts';
import { readYamlList } from './yaml-list.ts';

/** File of the commune and ward list, inside the handbook folder. */
export const COMMUNES_FILE = 'communes.yaml';

/**
 * One commune or ward an officer may pick in the Ask box. The question log stores the `id` (never anything about
 * the person), and the IOC dashboard compares communes by it, so an id stays the same once used.
 */
export const CommuneSchema = z
  .object({
    /** Stable identifier, lowercase ASCII words joined by hyphens. @example "xa-an-binh" */
    id: z.string({ message: 'write the id as text' }).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
      message: 'write lowercase ASCII words joined by hyphens, for example "xa-an-binh"',
    }),
    /** The name officers recognise, as written officially. @example "Xã An Bình" */
    name: z.string({ message: 'write the name as text' }).trim().min(2, { message: 'write the name (at least 2 characters)' }),
  })
  .strict();

export type Commune = z.output<typeof CommuneSchema>;
export const CommunesSchema = z.array(CommuneSchema, { message: 'write the communes as a list of "- id: …" items' });

/**
 * Reads `<dir>/communes.yaml`; a missing file is an empty list (the Ask box then shows no commune picker). Read
 * synchronously because the Ask box, the API schema and the dashboard each read it once, when built.
 * Problems come as `file:line: field: message`, like entries'.
 */
export function loadCommunes(dir: string, root = path.dirname(path.resolve(dir))): Commune[] {
  const list = readYamlList(
    dir,
    COMMUNES_FILE,
    root,
    CommunesSchema,
    Object.keys(CommuneSchema.shape),
    'write the communes as a list of "- id: …" items',
  );
  if (!list) return [];
  const { file, items, lineOf } = list;
  const problems: EntryProblem[] = [];
  const seen = new Map<string, number>();
  items.forEach((c, i) => {
    const line = lineOf(i);
    if (seen.has(c.id))
      problems.push({
        file,
        line,
        field: `${i}.id`,
        message: `"${c.id}" is already the id of item ${seen.get(c.id)}; give each commune its own id`,
      });
    else seen.set(c.id, i);
  });
  if (problems.length > 0) throw new HandbookError(problems);
  return items;
}
