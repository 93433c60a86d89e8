/**
 * The fixed layout of an exported realm (docs/config-as-code.md): where each kind of object is
 * written, and the secret references each carries. One module so that export, import and prune
 * agree on every path.
 */
import { fileSegment } from './config-files.ts';

export const REALM_FILE = 'realm.json';
export const SELF_SERVICE_FILE = 'self-service.json';
export const OAUTH2_PROVIDER_FILE = 'oauth2-provider.json';
export const JOURNEYS_DIR = 'journeys/';
export const SCRIPTS_DIR = 'scripts/';
export const CUSTOM_NODES_DIR = 'custom-nodes/';
export const SOCIAL_PROVIDERS_DIR = 'social-providers/';
export const OAUTH2_CLIENTS_DIR = 'oauth2-clients/';
export const GLOBAL_DIR = 'global/';
export const EMAIL_FILE = 'global/email.json';
export const EMAIL_TEMPLATES_DIR = 'global/email-templates/';
export const KBA_FILE = 'global/kba.json';
export const TERMS_FILE = 'global/terms.json';
export const CONSENT_FILE = 'global/consent.json';
export const MANAGED_FILE = 'global/managed.json';
export const SCRIPT_SECRETS_DIR = 'global/secrets/';

export const journeyPath = (name: string): string => `${JOURNEYS_DIR}${fileSegment(name)}.json`;
export const scriptPath = (id: string, ext: 'json' | 'js'): string => `${SCRIPTS_DIR}${fileSegment(id)}.${ext}`;
export const customNodePath = (id: string): string => `${CUSTOM_NODES_DIR}${fileSegment(id)}.json`;
export const providerPath = (type: string, name: string): string => `${SOCIAL_PROVIDERS_DIR}${fileSegment(type)}/${fileSegment(name)}.json`;
export const clientPath = (id: string): string => `${OAUTH2_CLIENTS_DIR}${fileSegment(id)}.json`;
export const emailTemplatePath = (name: string): string => `${EMAIL_TEMPLATES_DIR}${fileSegment(name)}.json`;
export const scriptSecretPath = (id: string): string => `${SCRIPT_SECRETS_DIR}${fileSegment(id)}.json`;

/** Secret references. */
export const providerSecretReference = (type: string, name: string): string => `social-providers/${type}/${name}/clientSecret`;
export const clientSecretReference = (id: string): string => `oauth2-clients/${id}/userpassword`;
export const EMAIL_PASSWORD_REFERENCE = 'global/email/auth.password';
/** A script secret's value, given base64 as the ESV API takes it. */
export const scriptSecretReference = (id: string): string => `global/secrets/${id}/valueBase64`;
