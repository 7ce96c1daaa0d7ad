/**
 * Every platform Signet publishes to, one line each. A platform is one folder under
 * electron/publishing/ exporting a `PlatformDefinition` (see platform.ts).
 */
import type { PlatformDefinition } from './platform';
import type { PlatformId } from './types';
import { bloggerPlatform } from './blogger';
import { ghostPlatform } from './ghost/platform';
import { micropubPlatform } from './micropub/platform';
import { staticSitePlatform } from './static-site/platform';
import { wordpressPlatform } from './wordpress/platform';
import { t } from '../contract/i18n';

export const PLATFORM_REGISTRY: Readonly<Record<PlatformId, PlatformDefinition>> = {
  wordpress: wordpressPlatform,
  ghost: ghostPlatform,
  blogger: bloggerPlatform,
  micropub: micropubPlatform,
  'static-site': staticSitePlatform,
};

/** The definition of a platform; throws for one this build does not have. */
export function platformOf(id: PlatformId): PlatformDefinition {
  const definition = PLATFORM_REGISTRY[id];
  if (!definition) throw new Error(t('error.publishing.unknownPlatform', { platform: id }));
  return definition;
}

/** The platforms in the order the "Add account" screen offers them. */
export function listPlatforms(): PlatformDefinition[] {
  return Object.values(PLATFORM_REGISTRY).filter((p): p is PlatformDefinition => p !== undefined);
}
