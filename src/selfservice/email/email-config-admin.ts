/**
 * Administration of the email configuration documents (`external.email`, `emailTemplate/<name>`):
 * validated writes, and reads that never return the SMTP password in clear. As IDM does, the
 * password is stored encrypted and read back as its `$crypto` envelope (sealed with the master
 * key, see `email-secrets.ts`). A settings write keeps the stored password when its `auth` block
 * has none, or gives back the envelope a read returned (saving what a read returned changes
 * nothing); a password in clear is sealed before it is stored; `""` clears it.
 */
import type { ConfigRepository } from '../../config/ports.ts';
import type { EmailSecrets } from './email-secrets.ts';
import type { EmailSettings } from './email-settings.ts';
import { EMAIL_SETTINGS_CONFIG_ID, parseEmailSettings, readEmailSettings, withoutPassword } from './email-settings.ts';
import { emailError } from './errors.ts';
import type { EmailTemplate } from './email-template.ts';
import { parseEmailTemplate, readEmailTemplate, templateConfigId } from './email-template.ts';

const TEMPLATE_PREFIX = 'emailTemplate/';

/** What the admin API may do with the email configuration. */
export interface EmailConfigAdmin {
  /** The SMTP settings, the password as its sealed envelope; undefined when none are stored. */
  settings(): Promise<EmailSettings | undefined>;
  /** Validates, seals the password of, and stores `document` (throws INVALID_EMAIL_SETTINGS); answers as `settings()`. */
  putSettings(document: unknown): Promise<EmailSettings>;
  /** Template `name`; undefined when absent (throws INVALID_TEMPLATE_NAME for a bad name). */
  template(name: string): Promise<EmailTemplate | undefined>;
  /** Validates and stores template `name` (throws INVALID_EMAIL_TEMPLATE naming the field). */
  putTemplate(name: string, document: unknown): Promise<EmailTemplate>;
  /** Deletes template `name`; answers what was deleted, or undefined when there was nothing. */
  deleteTemplate(name: string): Promise<EmailTemplate | undefined>;
  /** The names of the stored templates, sorted. */
  templateNames(): Promise<string[]>;
}

/** The settings as an admin may see them: a sealed password as is, one still in clear (an older Arbor's) left out. */
function shown(settings: EmailSettings): EmailSettings {
  return typeof settings.auth?.password === 'string' ? withoutPassword(settings) : settings;
}

/** The email configuration admin over `configs`; `secrets` seals the SMTP password. */
export function createEmailConfigAdmin(configs: ConfigRepository, secrets: Pick<EmailSecrets, 'sealPassword' | 'opensPassword'>): EmailConfigAdmin {
  /** `next` as it is stored: the password sealed, kept from `stored` when `next` has none. */
  const sealed = (next: EmailSettings, stored: EmailSettings | undefined): EmailSettings => {
    if (next.auth === undefined) return next;
    const { password, ...auth } = next.auth;
    if (password === '') return { ...next, auth };
    if (typeof password === 'string') return { ...next, auth: { ...auth, password: secrets.sealPassword(password) } };
    if (password !== undefined) {
      if (!secrets.opensPassword(password)) throw emailError('INVALID_EMAIL_SETTINGS', 'external.email: auth.password is encrypted with another master key: send the password itself', 'auth.password');
      return next;
    }
    const kept = stored?.auth?.password;
    if (kept === undefined) return next;
    return { ...next, auth: { ...auth, password: typeof kept === 'string' ? secrets.sealPassword(kept) : kept } };
  };

  return {
    async settings() {
      const stored = await readEmailSettings(configs);
      return stored === undefined ? undefined : shown(stored);
    },
    async putSettings(document) {
      const parsed = parseEmailSettings(document);
      const stored = await configs.get(EMAIL_SETTINGS_CONFIG_ID);
      // A stored document that no longer parses has no password worth keeping.
      let previous: EmailSettings | undefined;
      try {
        previous = stored === undefined || stored === null ? undefined : parseEmailSettings(stored);
      } catch {
        previous = undefined;
      }
      const next = sealed(parsed, previous);
      await configs.put(EMAIL_SETTINGS_CONFIG_ID, next);
      return shown(next);
    },
    template: (name) => readEmailTemplate(configs, name),
    async putTemplate(name, document) {
      const id = templateConfigId(name);
      const template = parseEmailTemplate(document);
      await configs.put(id, template);
      return template;
    },
    async deleteTemplate(name) {
      const id = templateConfigId(name);
      const stored = await configs.get(id);
      if (stored === undefined || !(await configs.delete(id))) return undefined;
      try {
        return parseEmailTemplate(stored);
      } catch {
        // Deleting a corrupt template is how an admin gets rid of it; there is nothing valid to answer.
        return { enabled: false, from: '', subject: {}, message: {}, defaultLocale: 'en', mimeType: 'text/html' };
      }
    },
    async templateNames() {
      const ids = await configs.list(TEMPLATE_PREFIX);
      return ids.map((id) => id.slice(TEMPLATE_PREFIX.length)).filter((name) => name !== '');
    },
  };
}
