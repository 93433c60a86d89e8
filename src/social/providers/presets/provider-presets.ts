/** The preset of each provider type, over the defaults every type shares. */
import type { ProviderType } from '../../provider-config.ts';
import { itsmeEnvironmentOf, itsmePreset } from './itsme-preset.ts';
import {
  AMAZON_PRESET,
  FACEBOOK_PRESET,
  GENERIC_OAUTH2_PRESET,
  GITHUB_PRESET,
  INSTAGRAM_PRESET,
  LINKEDIN_PRESET,
  MICROSOFT_PRESET,
  SALESFORCE_PRESET,
  TWITTER_PRESET,
  VK_PRESET,
  WECHAT_PRESET,
  WORDPRESS_PRESET,
} from './oauth2-presets.ts';
import { APPLE_PRESET, GENERIC_OIDC_PRESET, GOOGLE_PRESET, LINE_PRESET, YAHOO_PRESET } from './oidc-presets.ts';
import { commonDefaults, type ProviderPreset } from './provider-preset.ts';

const PRESETS: Record<Exclude<ProviderType, 'itsmeConfig'>, ProviderPreset> = {
  oauth2Config: GENERIC_OAUTH2_PRESET,
  oidcConfig: GENERIC_OIDC_PRESET,
  googleConfig: GOOGLE_PRESET,
  appleConfig: APPLE_PRESET,
  microsoftConfig: MICROSOFT_PRESET,
  facebookConfig: FACEBOOK_PRESET,
  amazonConfig: AMAZON_PRESET,
  salesforceConfig: SALESFORCE_PRESET,
  linkedInConfig: LINKEDIN_PRESET,
  gitHubConfig: GITHUB_PRESET,
  instagramConfig: INSTAGRAM_PRESET,
  twitterConfig: TWITTER_PRESET,
  vkConfig: VK_PRESET,
  weChatConfig: WECHAT_PRESET,
  wordpressConfig: WORDPRESS_PRESET,
  yahooConfig: YAHOO_PRESET,
  lineConfig: LINE_PRESET,
};

/**
 * The values a PUT of `type` starts from: the shared defaults, then the type's preset. For itsme,
 * the E2E endpoints when the body points at the E2E host (its `wellKnownEndpoint`, say), else
 * production.
 */
export function presetFor(type: ProviderType, body: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const preset = type === 'itsmeConfig' ? itsmePreset(itsmeEnvironmentOf(body)) : PRESETS[type];
  return structuredClone({ ...commonDefaults(type), ...preset });
}
