import type { AstroIntegration } from 'astro';
import { loadGlossary } from '../content/glossary.ts';
import { loadHandbook } from '../content/load-handbook.ts';

/**
 * Validates the whole handbook before Astro builds a page, so a bad entry fails
 * the build with `file:line: field: what to write` instead of a stack trace.
 * Checks what the content collection alone cannot: folder/topic agreement,
 * unique ids, and `related` ids that exist.
 */
export function handbookCheck(options: { dir: string }): AstroIntegration {
  return {
    name: 'handbook-check',
    hooks: {
      'astro:config:setup': async ({ logger }) => {
        // Paths in messages start at the handbook folder's name (handbook/vi/…), wherever it lives.
        const { entries, byId } = await loadHandbook({ dir: options.dir });
        const glossary = await loadGlossary(options.dir, new Set(byId.keys()));
        logger.info(`${entries.length} published entries and ${glossary.length} glossary terms are valid`);
      },
    },
  };
}
