/**
 * The few pages oidc-provider itself shows (its defaults load remote fonts and say "shouldChange"):
 * the sign-out question of `connect/endSession`, the page after signing out, and the error page
 * of a request that cannot be redirected (an unknown client, an unregistered redirect URI). Plain
 * HTML, every value escaped, no script; English only for now (docs/oidc-provider.md).
 */

/** `value` safe in HTML text and attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

/** The sign-out question: `form` is oidc-provider's form (`op.logoutForm`, with its xsrf field). */
export function logoutPage(form: string): string {
  return page(
    'Sign out?',
    `${form}<p>Do you want to sign out?</p><button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button> <button type="submit" form="op.logoutForm">No, stay signed in</button>`,
  );
}

/** After signing out. */
export function loggedOutPage(): string {
  return page('Signed out', '<p>You are signed out.</p>');
}

/** An error that cannot go back to the application. */
export function errorPage(error: string, description: string | undefined): string {
  return page('Sign-in request refused', `<p><code>${escapeHtml(error)}</code></p>${description === undefined ? '' : `<p>${escapeHtml(description)}</p>`}`);
}
