/**
 * A keep-alive HTTP/1.1 client connection on a raw socket, with pipelining: each request is
 * written at once and the answers are matched to the requests in order. The load generator uses
 * it instead of `fetch` (about 3,000 requests/s in one process) or undici (about 18,000 on this
 * kind of machine) because it costs little enough per request to keep a one-core Fastify route
 * busy (about 30,000): the generator must never be what limits a measured figure.
 * It reads what the servers measured here send: a status line, headers, and a body framed by
 * `Content-Length` or chunked. It reconnects on the next request when the server closed.
 */
import net from 'node:net';

/** An answer: its status and raw body. */
export interface HttpAnswer {
  status: number;
  body: Buffer;
}

interface Pending {
  resolve(answer: HttpAnswer): void;
  reject(error: Error): void;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const EMPTY = Buffer.alloc(0);

/** A request's bytes: `POST <path>` with a JSON body (or none). Build the constant ones once. */
export function postRequest(host: string, path: string, json?: string): Buffer {
  if (json === undefined) return Buffer.from(`POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 0\r\n\r\n`, 'latin1');
  const body = Buffer.from(json, 'utf8');
  const head = Buffer.from(`POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`, 'latin1');
  return Buffer.concat([head, body]);
}

/** Decodes a chunked body starting at `from`: the body and where the message ends, or undefined when incomplete. */
function readChunked(buffer: Buffer, from: number): { body: Buffer; end: number } | undefined {
  const parts: Buffer[] = [];
  let at = from;
  for (;;) {
    const lineEnd = buffer.indexOf('\r\n', at, 'latin1');
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(buffer.toString('latin1', at, lineEnd), 16);
    if (!Number.isInteger(size) || size < 0) throw new Error('malformed chunk size');
    if (size === 0) {
      // No trailers are sent by the servers measured: the last chunk is followed by an empty line.
      if (buffer.length < lineEnd + 4) return undefined;
      return { body: Buffer.concat(parts), end: lineEnd + 4 };
    }
    if (buffer.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/** One connection to `host:port`; opened on the first request, again after the server closed it. */
export class HttpConnection {
  readonly #port: number;
  readonly #host: string;
  #socket: net.Socket | undefined;
  #buffer: Buffer = EMPTY;
  #pending: Pending[] = [];

  constructor(host: string, port: number) {
    this.#host = host;
    this.#port = port;
  }

  /** Sends `request` (bytes from `postRequest`) and resolves with its answer. */
  send(request: Buffer): Promise<HttpAnswer> {
    const socket = this.#socket ?? this.#open();
    return new Promise<HttpAnswer>((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      socket.write(request);
    });
  }

  /** Closes the connection; requests still waiting fail. */
  close(): void {
    const socket = this.#socket;
    if (socket === undefined) return;
    socket.destroy();
    this.#closed(socket, new Error('connection closed by the client'));
  }

  #open(): net.Socket {
    const socket = net.connect({ port: this.#port, host: this.#host, noDelay: true });
    socket.on('data', (chunk: Buffer) => this.#read(chunk));
    socket.on('error', (error) => this.#closed(socket, error));
    socket.on('close', () => this.#closed(socket, new Error('connection closed by the server')));
    this.#socket = socket;
    this.#buffer = EMPTY;
    return socket;
  }

  /** Forgets `socket` and fails the requests waiting on it (nothing when it was already forgotten). */
  #closed(socket: net.Socket, error: Error): void {
    if (this.#socket !== socket) return;
    this.#socket = undefined;
    this.#buffer = EMPTY;
    const waiting = this.#pending;
    this.#pending = [];
    for (const pending of waiting) pending.reject(error);
  }

  #read(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    try {
      while (this.#parseOne());
    } catch (error) {
      const socket = this.#socket;
      if (socket === undefined) return;
      socket.destroy();
      this.#closed(socket, error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Takes one complete answer off the buffer; false when there is none yet. */
  #parseOne(): boolean {
    const buffer = this.#buffer;
    const headEnd = buffer.indexOf(HEAD_END);
    if (headEnd < 0) return false;
    const head = buffer.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    if (!head.startsWith('HTTP/1.1 ') || !Number.isInteger(status)) throw new Error(`not an HTTP/1.1 answer: ${head.slice(0, 40)}`);
    const bodyStart = headEnd + HEAD_END.length;
    let body: Buffer;
    let end: number;
    const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
    if (length !== null) {
      end = bodyStart + Number(length[1]);
      if (buffer.length < end) return false;
      body = buffer.subarray(bodyStart, end);
    } else if (/\r\ntransfer-encoding:[ \t]*chunked/i.test(head)) {
      const chunked = readChunked(buffer, bodyStart);
      if (chunked === undefined) return false;
      ({ body, end } = chunked);
    } else if (status < 200 || status === 204 || status === 304) {
      body = EMPTY;
      end = bodyStart;
    } else {
      throw new Error(`HTTP ${status} without Content-Length or chunked body`);
    }
    this.#buffer = end === buffer.length ? EMPTY : buffer.subarray(end);
    // An interim answer (100 Continue) precedes the real one: it answers no request.
    if (status >= 200) this.#pending.shift()?.resolve({ status, body });
    return true;
  }
}
