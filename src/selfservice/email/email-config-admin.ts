/**
 * Administration of the email configuration documents (`external.email`, `emailTemplate/<name>`):
 * validated writes, and reads that never return the SMTP password. A settings write without a
 * password keeps the stored one, so an admin can save what a read returned.
 */
import type { ConfigRepository } from '../../config/ports.ts';
import type { EmailSettings } from './email-settings.ts';
import { EMAIL_SETTINGS_CONFIG_ID, parseEmailSettings, readEmailSettings, withoutPassword } from './email-settings.ts';
import type { EmailTemplate } from './email-template.ts';
import { parseEmailTemplate, readEmailTemplate, templateConfigId } from './email-template.ts';

const TEMPLATE_PREFIX = 'emailTemplate/';

/** What the admin API may do with the email configuration. */
export interface EmailConfigAdmin {
  /** The SMTP settings without the password; undefined when none are stored. */
  settings(): Promise<EmailSettings | undefined>;
  /** Validates and stores `document` (throws INVALID_EMAIL_SETTINGS); answers it without the password. */
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

/** Keeps the stored password when `next` has an `auth` block without one. */
function keepPassword(next: EmailSettings, stored: EmailSettings | undefined): EmailSettings {
  const password = stored?.auth?.password;
  if (next.auth === undefined || 'password' in next.auth || password === undefined) return next;
  return { ...next, auth: { ...next.auth, password } };
}

/** The email configuration admin over `configs`. */
export function createEmailConfigAdmin(configs: ConfigRepository): EmailConfigAdmin {
  return {
    async settings() {
      const stored = await readEmailSettings(configs);
      return stored === undefined ? undefined : withoutPassword(stored);
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
      const next = keepPassword(parsed, previous);
      await configs.put(EMAIL_SETTINGS_CONFIG_ID, next);
      return withoutPassword(next);
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
