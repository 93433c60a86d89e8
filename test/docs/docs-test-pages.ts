/**
 * The pages whose examples the docs test runs, relative to the repository root. A page joins the
 * list once every shell block in it runs as written on a default Arbor (or is skipped with a
 * reason written in the page). The slowest pages (many CLI runs) come first, so that they start
 * first when the pages run in parallel.
 */
export const DOCS_TEST_PAGES: readonly string[] = [
  'docs/cli.md',
  'docs/bulk-operations.md',
  'README.md',
  'docs/idm-rest-api.md',
  'docs/email.md',
  'docs/rest-api.md',
  'docs/self-service.md',
  'docs/query-filters.md',
  'docs/getting-started.md',
  'docs/journeys.md',
  'docs/configuration.md',
  'docs/social/providers.md',
  'docs/social/itsme.md',
  'docs/social/oidc-oauth2.md',
  'docs/social/github.md',
  'docs/social/facebook.md',
  'docs/social/microsoft.md',
  'docs/social/google.md',
  'docs/social/apple.md',
  'docs/social/legacy-nodes.md',
  'docs/scripting-rest.md',
];
