/** A locale's name in English for the Terms and Security questions sections (`fr-BE` → `French (Belgium)`). */

/** The English name of `locale`, or the tag itself when the browser does not know it. */
export function localeName(locale: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(locale.replace('_', '-')) ?? locale;
  } catch {
    return locale;
  }
}
