/**
 * The five email templates every Arbor starts with (IDM's names and shape: `forgottenUsername`,
 * `registration`, `resetPassword`, `updatePassword`, `welcome`), all enabled, sender from
 * `external.email`, in English, French, Dutch and German. Our own wording; the variables are
 * IDM's (`{{object.resumeURI}}`, `{{object.userName}}`, `{{object.givenName}}`).
 */
import type { ConfigRepository } from '../../config/ports.ts';
import type { EmailTemplate } from './email-template.ts';
import { templateConfigId } from './email-template.ts';

const LOCALES = ['en', 'fr', 'nl', 'de'] as const;
type Locale = (typeof LOCALES)[number];
type Texts = Record<Locale, string>;

const BODY_STYLE = 'background-color: #f4f5f7; color: #2d3748; font-family: Arial, Helvetica, sans-serif; padding: 40px 16px;';
const CONTENT_STYLE = 'background-color: #ffffff; border-radius: 8px; margin: 0 auto; max-width: 480px; padding: 32px;';
const LINK_STYLE = 'color: #1a5fb4; font-weight: bold; text-decoration: none;';
const STYLES =
  'body{background-color:#f4f5f7;color:#2d3748;font-family:Arial,Helvetica,sans-serif;padding:40px 16px}' +
  '.content{background-color:#fff;border-radius:8px;margin:0 auto;max-width:480px;padding:32px}a{color:#1a5fb4;font-weight:bold;text-decoration:none}';

/** One template's content: a subject and a body per locale, the body written with a link maker. */
interface DefaultContent {
  subject: Texts;
  body: (link: (label: string) => string) => Texts;
}

function build(content: DefaultContent): EmailTemplate {
  const styled = content.body((label) => `<a href="{{object.resumeURI}}" style="${LINK_STYLE}">${label}</a>`);
  const plain = content.body((label) => `<a href="{{object.resumeURI}}">${label}</a>`);
  const perLocale = (make: (locale: Locale) => string): Record<string, string> => Object.fromEntries(LOCALES.map((locale) => [locale, make(locale)]));
  return {
    enabled: true,
    from: '',
    subject: { ...content.subject },
    message: perLocale((l) => `<html><head></head><body style="${BODY_STYLE}"><div class="content" style="${CONTENT_STYLE}">${styled[l]}</div></body></html>`),
    html: perLocale((l) => `<html><body><div class="content">${plain[l]}</div></body></html>`),
    styles: STYLES,
    defaultLocale: 'en',
    mimeType: 'text/html',
  };
}

const FORGOTTEN_USERNAME: DefaultContent = {
  subject: { en: 'Your username', fr: "Votre nom d'utilisateur", nl: 'Uw gebruikersnaam', de: 'Ihr Benutzername' },
  body: (link) => ({
    en: `{{#if object.userName}}<p>Your username is <strong>{{object.userName}}</strong>.</p>{{else}}<p>If you did not ask for your username, you can ignore this email.</p>{{/if}}<p>${link('Sign in')}</p>`,
    fr: `{{#if object.userName}}<p>Votre nom d'utilisateur est <strong>{{object.userName}}</strong>.</p>{{else}}<p>Si vous n'avez pas demandé votre nom d'utilisateur, vous pouvez ignorer cet e-mail.</p>{{/if}}<p>${link('Se connecter')}</p>`,
    nl: `{{#if object.userName}}<p>Uw gebruikersnaam is <strong>{{object.userName}}</strong>.</p>{{else}}<p>Hebt u uw gebruikersnaam niet opgevraagd? Dan kunt u deze e-mail negeren.</p>{{/if}}<p>${link('Aanmelden')}</p>`,
    de: `{{#if object.userName}}<p>Ihr Benutzername lautet <strong>{{object.userName}}</strong>.</p>{{else}}<p>Wenn Sie Ihren Benutzernamen nicht angefordert haben, können Sie diese E-Mail ignorieren.</p>{{/if}}<p>${link('Anmelden')}</p>`,
  }),
};

const REGISTRATION: DefaultContent = {
  subject: { en: 'Confirm your email address', fr: 'Confirmez votre adresse e-mail', nl: 'Bevestig uw e-mailadres', de: 'Bestätigen Sie Ihre E-Mail-Adresse' },
  body: (link) => ({
    en: `<p>To finish creating your account, confirm your email address.</p><p>${link('Confirm my email address')}</p><p>If you did not create an account, ignore this email.</p>`,
    fr: `<p>Pour terminer la création de votre compte, confirmez votre adresse e-mail.</p><p>${link('Confirmer mon adresse e-mail')}</p><p>Si vous n'avez pas créé de compte, ignorez cet e-mail.</p>`,
    nl: `<p>Bevestig uw e-mailadres om het aanmaken van uw account af te ronden.</p><p>${link('Mijn e-mailadres bevestigen')}</p><p>Hebt u geen account aangemaakt? Dan kunt u deze e-mail negeren.</p>`,
    de: `<p>Bestätigen Sie Ihre E-Mail-Adresse, um die Erstellung Ihres Kontos abzuschließen.</p><p>${link('E-Mail-Adresse bestätigen')}</p><p>Wenn Sie kein Konto erstellt haben, ignorieren Sie diese E-Mail.</p>`,
  }),
};

const RESET_PASSWORD: DefaultContent = {
  subject: { en: 'Reset your password', fr: 'Réinitialisez votre mot de passe', nl: 'Stel uw wachtwoord opnieuw in', de: 'Setzen Sie Ihr Passwort zurück' },
  body: (link) => ({
    en: `<p>Someone asked to reset the password of your account. Use this link to choose a new one:</p><p>${link('Choose a new password')}</p><p>If it was not you, ignore this email: your password stays as it is.</p>`,
    fr: `<p>Une réinitialisation du mot de passe de votre compte a été demandée. Utilisez ce lien pour en choisir un nouveau :</p><p>${link('Choisir un nouveau mot de passe')}</p><p>Si ce n'était pas vous, ignorez cet e-mail : votre mot de passe reste inchangé.</p>`,
    nl: `<p>Er is gevraagd om het wachtwoord van uw account opnieuw in te stellen. Kies via deze link een nieuw wachtwoord:</p><p>${link('Een nieuw wachtwoord kiezen')}</p><p>Was u dit niet? Negeer dan deze e-mail: uw wachtwoord blijft ongewijzigd.</p>`,
    de: `<p>Es wurde angefordert, das Passwort Ihres Kontos zurückzusetzen. Wählen Sie über diesen Link ein neues Passwort:</p><p>${link('Neues Passwort wählen')}</p><p>Waren Sie das nicht? Dann ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.</p>`,
  }),
};

const UPDATE_PASSWORD: DefaultContent = {
  subject: { en: 'Confirm your password change', fr: 'Confirmez le changement de votre mot de passe', nl: 'Bevestig de wijziging van uw wachtwoord', de: 'Bestätigen Sie die Änderung Ihres Passworts' },
  body: (link) => ({
    en: `<p>Confirm that this email address is yours to continue changing your password.</p><p>${link('Continue changing my password')}</p>`,
    fr: `<p>Confirmez que cette adresse e-mail vous appartient pour poursuivre le changement de votre mot de passe.</p><p>${link('Poursuivre le changement de mot de passe')}</p>`,
    nl: `<p>Bevestig dat dit e-mailadres van u is om verder te gaan met het wijzigen van uw wachtwoord.</p><p>${link('Verder met het wijzigen van mijn wachtwoord')}</p>`,
    de: `<p>Bestätigen Sie, dass diese E-Mail-Adresse Ihnen gehört, um mit der Änderung Ihres Passworts fortzufahren.</p><p>${link('Mit der Passwortänderung fortfahren')}</p>`,
  }),
};

const WELCOME: DefaultContent = {
  subject: { en: 'Welcome, your account is ready', fr: 'Bienvenue, votre compte est prêt', nl: 'Welkom, uw account is klaar', de: 'Willkommen, Ihr Konto ist bereit' },
  body: () => ({
    en: `<h2>Welcome{{#if object.givenName}}, {{object.givenName}}{{/if}}!</h2><p>Your account has been created. Your username is <strong>{{object.userName}}</strong>.</p>`,
    fr: `<h2>Bienvenue{{#if object.givenName}}, {{object.givenName}}{{/if}} !</h2><p>Votre compte a été créé. Votre nom d'utilisateur est <strong>{{object.userName}}</strong>.</p>`,
    nl: `<h2>Welkom{{#if object.givenName}}, {{object.givenName}}{{/if}}!</h2><p>Uw account is aangemaakt. Uw gebruikersnaam is <strong>{{object.userName}}</strong>.</p>`,
    de: `<h2>Willkommen{{#if object.givenName}}, {{object.givenName}}{{/if}}!</h2><p>Ihr Konto wurde erstellt. Ihr Benutzername lautet <strong>{{object.userName}}</strong>.</p>`,
  }),
};

/** The names of the default templates (IDM's). */
export type DefaultEmailTemplateName = 'forgottenUsername' | 'registration' | 'resetPassword' | 'updatePassword' | 'welcome';

/** The default templates by name (fresh objects on every call: callers may change them). */
export function defaultEmailTemplates(): Record<DefaultEmailTemplateName, EmailTemplate> {
  return {
    forgottenUsername: build(FORGOTTEN_USERNAME),
    registration: build(REGISTRATION),
    resetPassword: build(RESET_PASSWORD),
    updatePassword: build(UPDATE_PASSWORD),
    welcome: build(WELCOME),
  };
}

/** Writes the default templates that are missing; never overwrites one. Returns the names written. */
export async function installDefaultEmailTemplates(configs: ConfigRepository): Promise<string[]> {
  const written: string[] = [];
  for (const [name, template] of Object.entries(defaultEmailTemplates())) {
    const id = templateConfigId(name);
    if ((await configs.get(id)) !== undefined) continue;
    await configs.put(id, template);
    written.push(name);
  }
  return written;
}
