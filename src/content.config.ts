import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { EntrySchema } from './content/entry-schema.ts';

/** Every Markdown file under the handbook folder, validated by the shared entry schema. */
const handbook = defineCollection({
  loader: glob({
    pattern: '**/*.md',
    base: import.meta.env.HANDBOOK_DIR ?? './handbook',
    // `vi/civil-status/dang-ky-khai-tu`: unique across languages, unlike the entry's own id.
    generateId: ({ entry }) => entry.replace(/\.md$/, ''),
  }),
  schema: EntrySchema,
});

export const collections = { handbook };
