/** The seeded users: their names and password, shared by the seeding process and the load generator. */

export const USER_PASSWORD = 'Sign-In-Passw0rd';

/** The name of seeded user `index` (bench00000, bench00001, …). */
export function userName(index: number): string {
  return `bench${String(index).padStart(5, '0')}`;
}
