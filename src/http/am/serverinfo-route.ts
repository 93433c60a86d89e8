/** `GET …/json/serverinfo/*`: what clients read to learn the cookie name and server facts. */
import type { AppDeps } from '../app-deps.ts';

/** The serverinfo document, AM's shape. */
export function serverInfo(deps: AppDeps): Record<string, unknown> {
  return {
    _id: '*',
    _rev: '1',
    domains: [],
    protectedUserAttributes: ['telephoneNumber', 'mail'],
    cookieName: deps.settings.cookieName,
    secureCookie: deps.settings.secureCookie,
    forgotPassword: 'false',
    forgotUsername: 'false',
    kbaEnabled: 'false',
    selfRegistration: 'false',
    lang: 'en-US',
    successfulUserRegistrationDestination: 'default',
    socialImplementations: [],
    referralsEnabled: 'false',
    zeroPageLogin: { enabled: true, refererWhitelist: [], allowedWithoutReferer: true },
    realm: '/',
    xuiUserSessionValidationEnabled: true,
    fileBasedConfiguration: true,
    userIdAttributes: [],
  };
}
