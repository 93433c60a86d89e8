/**
 * Points a page's `localhost:8080` (and `127.0.0.1:8080`), the address every page documents, at
 * the port of the Arbor started for its docs test, in the commands and in the documented output
 * (emailed links and `Location` headers carry the server's own address).
 */

/** `text` with port 8080 of the loopback host replaced by `port`. */
export function rewriteLocalUrls(text: string, port: number): string {
  return text.replace(/\b(localhost|127\.0\.0\.1):8080\b/g, `$1:${port}`);
}
