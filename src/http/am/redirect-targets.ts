/** `goto` / `gotoOnFail` targets are honoured only for Arbor's own paths and allowed origins (no open redirects). */
import type { ServerSettings } from '../../config/server-settings.ts';

/** The target when allowed, else undefined (the realm's default applies). */
export function checkedRedirect(target: string | undefined, settings: Pick<ServerSettings, 'publicUrl' | 'corsOrigins'>): string | undefined {
  if (target === undefined || target === '') return undefined;
  if (target.startsWith('/') && !target.startsWith('//') && !target.includes('\\')) return target;
  try {
    const url = new URL(target);
    const allowed = [new URL(settings.publicUrl).origin, ...settings.corsOrigins];
    return allowed.includes(url.origin) ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
