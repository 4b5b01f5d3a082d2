import { defineCollection } from 'astro:content';
import { loadConfig } from './config.ts';
import { EntrySchema } from './content/entry-schema.ts';
import { handbookLoader } from './site/handbook-loader.ts';

/** Every handbook entry, read by the project's own loader and validated by the shared entry schema. */
const handbook = defineCollection({
  loader: handbookLoader({ dir: loadConfig().handbookDir }),
  schema: EntrySchema,
});

export const collections = { handbook };
