/**
 * A real SMTP server on a loopback port for tests (smtp-server), keeping every accepted message
 * parsed by mailparser. A message is in `messages` before the client's send resolves: the server
 * answers DATA only after parsing it. It can be stopped and started again on the same port.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** How the sink behaves. */
export interface SmtpSinkOptions {
  /** TLS from the first byte (smtp-server's self-signed certificate). */
  secure?: boolean;
  /** Offer STARTTLS (self-signed certificate); off by default. */
  starttls?: boolean;
  /** Require AUTH with these credentials. */
  credentials?: { user: string; pass: string };
  /** Recipients answered `550 5.1.1` at RCPT TO. */
  rejectRecipients?: string[];
  /**
   * Called with each parsed message before the server answers DATA: the client's send waits for
   * it (to hold a delivery in flight), and when it throws or rejects the message is refused with
   * the error's `responseCode` (450 without one) and not kept. Unset: every message is accepted.
   */
  beforeAccept?: (message: ParsedMail) => void | Promise<void>;
}

/** A running (or stopped) sink. */
export interface SmtpSink {
  readonly port: number;
  /** Every accepted message, oldest first. */
  readonly messages: ParsedMail[];
  /** Users that authenticated, one entry per session. */
  readonly logins: string[];
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

function createServer(options: SmtpSinkOptions, sink: { messages: ParsedMail[]; logins: string[] }): SMTPServer {
  const credentials = options.credentials;
  return new SMTPServer({
    secure: options.secure === true,
    logger: false,
    disabledCommands: options.starttls === true || options.secure === true ? [] : ['STARTTLS'],
    authOptional: credentials === undefined,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (credentials !== undefined && auth.username === credentials.user && auth.password === credentials.pass) {
        sink.logins.push(auth.username ?? '');
        return callback(null, { user: auth.username });
      }
      return callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipients?.includes(address.address)) return callback(Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 }));
      return callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          await options.beforeAccept?.(parsed);
          return parsed;
        })
        .then(
          (parsed) => {
            sink.messages.push(parsed);
            callback();
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
    },
  });
}

function listen(server: SMTPServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
  });
}

/** Starts a sink on a free loopback port. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const state = { messages: [] as ParsedMail[], logins: [] as string[] };
  let server: SMTPServer | undefined = createServer(options, state);
  const port = await listen(server, 0);
  return {
    port,
    messages: state.messages,
    logins: state.logins,
    async stop() {
      const running = server;
      server = undefined;
      if (running !== undefined) await new Promise<void>((resolve) => running.close(() => resolve()));
    },
    async restart() {
      if (server !== undefined) return;
      server = createServer(options, state);
      await listen(server, port);
    },
  };
}
