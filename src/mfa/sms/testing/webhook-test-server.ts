/**
 * A real HTTP server on the loopback address for SMS webhook tests: it records every request
 * (method, headers, parsed JSON body) and answers with the status `respond` gives (200 by
 * default), or never when `hang` is set (for timeouts).
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server received. */
export interface ReceivedWebhook {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** The running server. */
export interface WebhookTestServer {
  /** `http://127.0.0.1:<port>/sms`. */
  url: string;
  received: ReceivedWebhook[];
  /** The status of the next answers; `0` never answers. */
  status: number;
  /** Extra headers of the answers (a `location` for redirects). */
  answerHeaders: Record<string, string>;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 with a free port. */
export async function startWebhookTestServer(): Promise<WebhookTestServer> {
  const received: ReceivedWebhook[] = [];
  const state: WebhookTestServer = {
    url: '',
    received,
    status: 200,
    answerHeaders: {},
    close: async () => {},
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text
      }
      received.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
      if (state.status === 0) return;
      response.writeHead(state.status, { 'content-type': 'application/json', ...state.answerHeaders });
      response.end('{"accepted":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}/sms`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
