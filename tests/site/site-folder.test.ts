import { describe, expect, it } from 'vitest';
import { assertBuildableSiteDir } from '../../src/site/site-folder.ts';

describe('the folder the site is built in', () => {
  it('may be inside the project or anywhere whose path does not begin with the project’s', () => {
    expect(() => assertBuildableSiteDir('/srv/handbook/dist', '/srv/handbook')).not.toThrow();
    expect(() => assertBuildableSiteDir('/tmp/site', '/srv/handbook')).not.toThrow();
    expect(() => assertBuildableSiteDir('/srv/sites/handbook', '/srv/handbook')).not.toThrow();
  });

  it('is refused, naming the setting and a folder that works, when it is beside the project and its path begins with the project’s', () => {
    expect(() => assertBuildableSiteDir('/srv/handbook-site/dist', '/srv/handbook')).toThrow(
      /^HANDBOOK_SITE_DIR=\/srv\/handbook-site\/dist is outside the project \/srv\/handbook .* \(for example \/srv\/handbook-sites\/dist\)$/,
    );
  });
});
