/**
 * Seals an SMTP password that an older Arbor stored in clear in `external.email`, once, when the
 * server starts: from then on the database holds it only as a `$crypto` envelope. A document that
 * does not parse, or holds no clear password, is left as it is.
 */
import type { ConfigRepository } from '../../config/ports.ts';
import type { EmailSecrets } from './email-secrets.ts';
import { EMAIL_SETTINGS_CONFIG_ID, parseEmailSettings } from './email-settings.ts';

/** Re-stores `external.email` with its password sealed; true when there was one in clear. */
export async function sealStoredSmtpPassword(configs: ConfigRepository, secrets: Pick<EmailSecrets, 'sealPassword'>): Promise<boolean> {
  const stored = await configs.get(EMAIL_SETTINGS_CONFIG_ID);
  if (stored === undefined || stored === null) return false;
  let settings;
  try {
    settings = parseEmailSettings(stored);
  } catch {
    return false;
  }
  const password = settings.auth?.password;
  if (settings.auth === undefined || typeof password !== 'string' || password === '') return false;
  await configs.put(EMAIL_SETTINGS_CONFIG_ID, { ...settings, auth: { ...settings.auth, password: secrets.sealPassword(password) } });
  return true;
}
