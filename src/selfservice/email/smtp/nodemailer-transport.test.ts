/** The SMTP adapter against a real SMTP server on loopback: plain, SSL, STARTTLS, auth, refusals. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { isPermanentMailError, type MailMessage } from '../ports.ts';
import { createNodemailerTransport, nodemailerOptions } from './nodemailer-transport.ts';
import { startSmtpSink, type SmtpSink } from './testing/smtp-sink.ts';

const message: MailMessage = {
  from: 'Arbor <noreply@arbor.test>',
  to: ['ann@example.com'],
  cc: ['carl@example.com'],
  bcc: ['bea@example.com'],
  subject: 'Réinitialisez votre mot de passe',
  text: 'Open https://id.example/login?suspendedId=abc',
  html: '<p><a href="https://id.example/login?suspendedId=abc">Open</a></p>',
};

describe('nodemailer transport', () => {
  const sinks: SmtpSink[] = [];
  const sink = async (options: Parameters<typeof startSmtpSink>[0] = {}) => {
    const started = await startSmtpSink(options);
    sinks.push(started);
    return started;
  };
  after(async () => {
    await Promise.all(sinks.map((s) => s.stop()));
  });

  it('maps external.email to nodemailer options: ports, TLS modes, auth, timeouts, JavaMail properties', () => {
    const plain = nodemailerOptions({ host: 'mail.local' });
    assert.deepEqual([plain.port, plain.secure, plain.requireTLS, plain.ignoreTLS, plain.auth], [25, false, false, true, undefined]);
    const tls = nodemailerOptions({
      host: 'smtp.example.com',
      starttls: { enable: true },
      auth: { enable: true, username: 'u', password: 'p' },
      connectiontimeout: 5000,
      timeout: 7000,
      writetimeout: 9000,
      smtpProperties: ['mail.smtp.ssl.protocols=TLSv1.2 TLSv1.3', 'mail.smtp.localhost=arbor.example', 'unknown'],
    });
    assert.deepEqual([tls.port, tls.secure, tls.requireTLS, tls.ignoreTLS], [587, false, true, false]);
    assert.deepEqual(tls.auth, { user: 'u', pass: 'p' });
    assert.deepEqual([tls.connectionTimeout, tls.greetingTimeout, tls.socketTimeout, tls.name], [5000, 5000, 9000, 'arbor.example']);
    assert.deepEqual(tls.tls, { minVersion: 'TLSv1.2' });
    const ssl = nodemailerOptions({ host: 'h', ssl: { enable: true }, auth: { enable: false, username: 'u', password: 'p' }, smtpProperties: ['mail.smtp.ssl.trust=*'] });
    assert.deepEqual([ssl.port, ssl.secure, ssl.auth, ssl.tls], [465, true, undefined, { rejectUnauthorized: false }]);
  });

  it('delivers over plain SMTP with auth: headers, alternatives and a Message-ID from the outbox id', async () => {
    const server = await sink({ credentials: { user: 'mailer', pass: 'S3cret!' } });
    const transport = createNodemailerTransport({ host: '127.0.0.1', port: server.port, auth: { enable: true, username: 'mailer', password: 'S3cret!' } });
    await transport.send(message, 'f1e2d3');
    transport.close?.();
    const [received] = server.messages;
    assert.ok(received);
    assert.deepEqual(server.logins, ['mailer']);
    assert.equal(received.subject, message.subject);
    assert.equal(received.from?.text, '"Arbor" <noreply@arbor.test>');
    assert.deepEqual([received.to, received.cc].map((a) => (Array.isArray(a) ? a : [a]).map((x) => x?.text).join()), ['ann@example.com', 'carl@example.com']);
    assert.equal(received.headers.get('bcc'), undefined, 'Bcc is an envelope recipient only');
    assert.equal(received.messageId, '<f1e2d3@arbor.test>');
    assert.equal(received.headers.get('auto-submitted'), 'auto-generated');
    assert.equal(received.text?.trim(), message.text);
    assert.equal(received.html, message.html);
  });

  it('speaks TLS from the first byte (ssl) and upgrades with STARTTLS, trusting a self-signed relay only when told to', async () => {
    const secure = await sink({ secure: true });
    await createNodemailerTransport({ host: '127.0.0.1', port: secure.port, ssl: { enable: true }, smtpProperties: ['mail.smtp.ssl.trust=*'] }).send(message, 'ssl1');
    assert.equal(secure.messages.length, 1);
    const starttls = await sink({ starttls: true });
    await createNodemailerTransport({ host: '127.0.0.1', port: starttls.port, starttls: { enable: true }, smtpProperties: ['mail.smtp.ssl.trust=*'] }).send(message, 'tls1');
    assert.equal(starttls.messages.length, 1);
    await assert.rejects(
      createNodemailerTransport({ host: '127.0.0.1', port: starttls.port, starttls: { enable: true } }).send(message, 'tls2'),
      (error) => error instanceof Error && !isPermanentMailError(error) && /certificate/i.test(error.message),
    );
  });

  it('a refused recipient is permanent; a wrong password or an unreachable server is not', async () => {
    const server = await sink({ credentials: { user: 'mailer', pass: 'right' }, rejectRecipients: ['ghost@example.com'] });
    const good = createNodemailerTransport({ host: '127.0.0.1', port: server.port, auth: { enable: true, username: 'mailer', password: 'right' } });
    await assert.rejects(good.send({ ...message, to: ['ghost@example.com'], cc: [], bcc: [] }, 'r1'), (error) => isPermanentMailError(error) && /550|No such user/.test(error.message));
    const bad = createNodemailerTransport({ host: '127.0.0.1', port: server.port, auth: { enable: true, username: 'mailer', password: 'wrong' } });
    await assert.rejects(bad.send(message, 'r2'), (error) => error instanceof Error && !isPermanentMailError(error));
    await server.stop();
    await assert.rejects(good.send(message, 'r3'), (error) => error instanceof Error && !isPermanentMailError(error) && /ECONNREFUSED/.test(error.message));
    assert.equal(server.messages.length, 0);
  });
});
