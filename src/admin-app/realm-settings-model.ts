/**
 * What the Realm settings page computes without a browser: the fields it shows, grouped, with
 * help text; the form's values from the realm's settings document (`realm-config/settings`, as
 * `realm.json`); and the document a save sends, the edited fields put back into the one read
 * (so what the page does not show — scripting, SMS — is sent back unchanged).
 */
import { isRecord, own } from './am-client.ts';

/** A setting the page shows: `path` in the document, the kind of input, its help. */
export interface SettingField {
  path: string[];
  label: string;
  kind: 'count' | 'text' | 'boolean' | 'lines';
  help: string;
}

/** A group of settings, one fieldset. */
export interface SettingGroup {
  title: string;
  fields: SettingField[];
}

const count = (path: string[], label: string, help: string): SettingField => ({ path, label, kind: 'count', help });

/** The page's groups. */
export const SETTING_GROUPS: readonly SettingGroup[] = [
  {
    title: 'Login failure lockout',
    fields: [
      { path: ['lockout', 'enabled'], label: 'Lock accounts after failures', kind: 'boolean', help: 'Wrong passwords or security answers lock the account for a while.' },
      count(['lockout', 'failureCount'], 'Failures that lock', 'Failed sign-ins of one account, within the window below, that lock it.'),
      count(['lockout', 'failureWindowMinutes'], 'Failure window (minutes)', 'How long a failure counts towards the lock.'),
      count(['lockout', 'durationMinutes'], 'Lockout duration (minutes)', 'How long a locked account stays locked; 0 keeps it locked until an administrator unlocks it.'),
      count(['lockout', 'durationMultiplier'], 'Duration multiplier', 'Each further lockout of the same account lasts this many times longer (1 keeps it the same).'),
      count(['lockout', 'warnUserCount'], 'Warn after failures', 'After this many failures the user is told the account is about to lock; 0 never warns.'),
    ],
  },
  {
    title: 'Sessions',
    fields: [
      count(['sessions', 'maxIdleMinutes'], 'Idle timeout (minutes)', 'A session unused this long ends.'),
      count(['sessions', 'maxSessionMinutes'], 'Maximum session (minutes)', 'A session ends this long after sign-in, however active. Applies to new sessions.'),
    ],
  },
  {
    title: 'Journeys',
    fields: [
      { path: ['journeys', 'defaultTree'], label: 'Default journey', kind: 'text', help: 'The journey a sign-in runs when the request names none.' },
      count(['journeys', 'stepTimeoutMinutes'], 'Step timeout (minutes)', 'How long a journey waits for the user at one step.'),
      count(['journeys', 'maxDurationMinutes'], 'Journey lifetime (minutes)', 'How long a whole journey may last.'),
      count(['journeys', 'suspendedMinutes'], 'Emailed link lifetime (minutes)', 'How long an emailed link works when its node does not say.'),
      count(['journeys', 'maxNodesPerRequest'], 'Nodes per request', 'A journey that runs more nodes than this in one request is stopped (a loop guard).'),
    ],
  },
  {
    title: 'Throttling by client address',
    fields: [
      count(['throttling', 'clientFailures'], 'Failures per address', 'Failed checks allowed from one address per window, whatever accounts they name; 0 never throttles.'),
      count(['throttling', 'clientWindowSeconds'], 'Address window (seconds)', 'The window of the count above.'),
      count(['throttling', 'administratorFailures'], 'Administrator failures per address', 'Failed sign-ins of an administrator allowed from one address per window (administrators are never locked).'),
      count(['throttling', 'administratorWindowMinutes'], 'Administrator window (minutes)', 'The window of the count above.'),
    ],
  },
  {
    title: 'Pages and links',
    fields: [
      { path: ['successUrl'], label: 'Success URL', kind: 'text', help: 'Where a successful journey sends the user when nothing else says.' },
      { path: ['externalLoginUrl'], label: 'External login page URL', kind: 'text', help: "The page emailed links open; empty for Arbor's own /login. Must be on an allowed origin." },
      { path: ['validGotoDestinations'], label: 'Allowed redirect destinations', kind: 'lines', help: 'One absolute URL per line (https://app.example.com/* allows paths under it); besides the public URL and CORS origins.' },
      { path: ['usersMayDeleteAccount'], label: 'Users may delete their account', kind: 'boolean', help: 'Offers "Delete my account" on the account page.' },
    ],
  },
  {
    title: 'Theme of the journey pages',
    fields: [
      { path: ['pages', 'theme', 'primaryColor'], label: 'Primary colour', kind: 'text', help: '#rgb or #rrggbb: buttons and links.' },
      { path: ['pages', 'theme', 'backgroundColor'], label: 'Background colour', kind: 'text', help: '#rgb or #rrggbb, with 4.5:1 contrast to the text.' },
      { path: ['pages', 'theme', 'textColor'], label: 'Text colour', kind: 'text', help: '#rgb or #rrggbb.' },
      { path: ['pages', 'theme', 'fontFamily'], label: 'Font family', kind: 'text', help: 'Up to six family names separated by commas.' },
      { path: ['pages', 'theme', 'logoUrl'], label: 'Logo URL', kind: 'text', help: 'A path on this site or an https URL.' },
    ],
  },
];

/** The key of a field in the form's values. */
export function fieldKey(field: SettingField): string {
  return field.path.join('.');
}

function valueAt(document: unknown, path: string[]): unknown {
  let value = document;
  for (const part of path) value = isRecord(value) ? own(value, part) : undefined;
  return value;
}

/** The form's values (text for every input) from a settings document. */
export function formOf(document: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  for (const group of SETTING_GROUPS) {
    for (const field of group.fields) {
      const value = valueAt(document, field.path);
      values[fieldKey(field)] =
        field.kind === 'boolean' ? String(value === true) : field.kind === 'lines' ? (Array.isArray(value) ? value.filter((line) => typeof line === 'string').join('\n') : '') : typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    }
  }
  return values;
}

/** What a save sends, or the problems found before sending (a count that is not a number). */
export type SettingsBody = { ok: true; document: Record<string, unknown> } | { ok: false; problems: Map<string, string> };

function setAt(document: Record<string, unknown>, path: string[], value: unknown): void {
  let target = document;
  for (const part of path.slice(0, -1)) {
    const next = own(target, part);
    const copy: Record<string, unknown> = isRecord(next) ? { ...next } : {};
    target[part] = copy;
    target = copy;
  }
  const last = path[path.length - 1];
  if (last === undefined) return;
  if (value === undefined) delete target[last];
  else target[last] = value;
}

/** The document to PUT: `original` with every shown field set from `values`; empty theme values and an empty theme left out. */
export function settingsBody(original: unknown, values: Record<string, string>): SettingsBody {
  const document: Record<string, unknown> = isRecord(original) ? structuredClone(original) : {};
  const problems = new Map<string, string>();
  for (const group of SETTING_GROUPS) {
    for (const field of group.fields) {
      const text = (values[fieldKey(field)] ?? '').trim();
      if (field.kind === 'count') {
        if (!/^\d{1,9}$/.test(text)) problems.set(fieldKey(field), 'Enter a whole number, 0 or more.');
        else setAt(document, field.path, Number(text));
      } else if (field.kind === 'boolean') {
        setAt(document, field.path, text === 'true');
      } else if (field.kind === 'lines') {
        const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
        setAt(document, field.path, lines.length === 0 ? undefined : lines);
      } else {
        setAt(document, field.path, text === '' && field.path[0] === 'pages' ? undefined : text);
      }
    }
  }
  const theme = valueAt(document, ['pages', 'theme']);
  if (isRecord(theme) && Object.keys(theme).length === 0) delete document.pages;
  return problems.size > 0 ? { ok: false, problems } : { ok: true, document };
}
