import path from 'node:path';
import { ConfigError } from '../config.ts';

/**
 * Stops a site build that Astro would break half-way: Astro 7 decides whether the output folder is inside the
 * project by comparing path text (`getOutDirWithinCwd`), so a folder beside the project whose path merely begins
 * with the project's (`/srv/handbook` → `/srv/handbook-site`) is taken for an inside one, its prerender chunks are
 * written there, and they cannot find the project's packages ("Cannot find package '@oslojs/encoding'").
 */
export function assertBuildableSiteDir(siteDir: string, root: string): void {
  const outside = path.relative(root, siteDir).startsWith('..');
  if (outside && siteDir.startsWith(root)) {
    throw new ConfigError(
      `HANDBOOK_SITE_DIR=${siteDir} is outside the project ${root} but its path begins with the project's, which Astro takes for a folder inside the project and then cannot build; choose a folder inside the project or one whose path does not begin with ${root} (for example ${path.join(path.dirname(root), 'handbook-sites', path.basename(siteDir))})`,
    );
  }
}
