/**
 * Signing in to the admin app as amadmin (the test servers' administrator) and opening realm
 * alpha's journeys list, as the admin browser tests begin.
 */
import type { Page } from 'playwright-core';

/** amadmin's password on the test servers. */
export const ADMIN_PASSWORD = 'Admin-Passw0rd!';

/** Opens `/admin` of `baseUrl`, signs in as amadmin and waits for alpha's journeys (its Login journey listed). */
export async function signInToAdminAlpha(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/admin`);
  await page.getByLabel('User Name', { exact: true }).fill('amadmin');
  await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('combobox', { name: 'Realm' }).selectOption('alpha');
  await page.getByRole('button', { name: 'Login', exact: true }).waitFor();
}
