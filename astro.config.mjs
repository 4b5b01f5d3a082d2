// @ts-check
import { defineConfig } from 'astro/config';
import { handbookCheck } from './src/integrations/handbook-check.ts';
import { pagefindIndex } from './src/integrations/pagefind.ts';

// The handbook folder can be swapped (tests build a fixture handbook) with HANDBOOK_DIR.
const handbookDir = process.env.HANDBOOK_DIR ?? './handbook';

export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  outDir: process.env.HANDBOOK_SITE_DIR ?? './dist',
  devToolbar: { enabled: false },
  integrations: [handbookCheck({ dir: handbookDir }), pagefindIndex()],
  vite: { define: { 'import.meta.env.HANDBOOK_DIR': JSON.stringify(handbookDir) } },
});
