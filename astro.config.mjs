// @ts-check
import { defineConfig } from 'astro/config';
import { handbookCheck } from './src/integrations/handbook-check.ts';
import { askIndex } from './src/integrations/ask-index.ts';
import { loadConfig } from './src/config.ts';

// Folders come from src/config.ts (HANDBOOK_DIR, HANDBOOK_SITE_DIR): tests build a fixture handbook.
const config = loadConfig();
const handbookDir = config.handbookDir;

export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  outDir: config.siteDir,
  devToolbar: { enabled: false },
  integrations: [handbookCheck({ dir: handbookDir }), askIndex({ dir: handbookDir })],
  vite: { define: { 'import.meta.env.HANDBOOK_DIR': JSON.stringify(handbookDir) } },
});
