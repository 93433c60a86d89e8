/**
 * A browser stand-in for tests: follows a provider's redirects (keeping its cookies) from the
 * authorization URL until the provider sends the user back to the relying party, by a redirect to
 * the redirect URI or by an auto-posting form (`form_post`), and returns what the RP would receive.
 * It never calls the redirect URI itself.
 */
import * as http from 'node:http';
import * as https from 'node:https';

/** Where the browser ended. */
export type ProviderOutcome =
  | { kind: 'redirect'; url: URL; parameters: Record<string, string> }
  | { kind: 'form_post'; action: string; parameters: Record<string, string> }
  | { kind: 'stopped'; status: number; body: string };

const MAX_STEPS = 10;

/** Follows `authorizationUrl` until the provider answers the RP at `redirectUri`. */
export async function visitProvider(authorizationUrl: string, redirectUri: string, options: { caPem?: string } = {}): Promise<ProviderOutcome> {
  const cookies = new Map<string, string>();
  let url = new URL(authorizationUrl);
  for (let step = 0; step < MAX_STEPS; step += 1) {
    const response = await get(url, cookies, options.caPem);
    for (const line of response.setCookies) {
      const [pair] = line.split(';');
      const separator = pair?.indexOf('=') ?? -1;
      if (pair !== undefined && separator > 0) cookies.set(pair.slice(0, separator).trim(), pair.slice(separator + 1));
    }
    if (response.status >= 300 && response.status < 400 && response.location !== undefined) {
      const next = new URL(response.location, url);
      if (next.href.startsWith(redirectUri)) return { kind: 'redirect', url: next, parameters: Object.fromEntries(next.searchParams.entries()) };
      url = next;
      continue;
    }
    const form = /<form[^>]*method="post"[^>]*action="([^"]*)"/i.exec(response.body);
    if (response.status === 200 && form?.[1] !== undefined && decodeEntities(form[1]).startsWith(redirectUri)) {
      const parameters: Record<string, string> = {};
      for (const input of response.body.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]*)"[^>]*value="([^"]*)"/gi)) {
        if (input[1] !== undefined && input[2] !== undefined) parameters[decodeEntities(input[1])] = decodeEntities(input[2]);
      }
      return { kind: 'form_post', action: decodeEntities(form[1]), parameters };
    }
    return { kind: 'stopped', status: response.status, body: response.body };
  }
  throw new Error('too many redirects at the provider');
}

function get(url: URL, cookies: Map<string, string>, caPem: string | undefined): Promise<{ status: number; location?: string; setCookies: string[]; body: string }> {
  const headers: Record<string, string> = { accept: 'text/html' };
  if (cookies.size > 0) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const request = send(url, { method: 'GET', headers, agent: false, ...(caPem === undefined ? {} : { ca: [caPem] }) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          ...(response.headers.location === undefined ? {} : { location: response.headers.location }),
          setCookies: response.headers['set-cookie'] ?? [],
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x2F;/g, '/')
    .replace(/&amp;/g, '&');
}
