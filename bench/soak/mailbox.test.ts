/** The soak's mailbox: a reset email sent over SMTP reaches whoever waits for its address, as its link. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { resumeLink, startMailbox } from './mailbox.ts';

describe('the soak mailbox', () => {
  it('reads the resume link from the HTML, entities decoded, or else from the text', () => {
    assert.equal(resumeLink({ html: '<a href="http://x/login?realm=/alpha&amp;suspendedId=abc">go</a>', text: '' })?.searchParams.get('suspendedId'), 'abc');
    assert.equal(resumeLink({ html: false, text: 'open http://x/login?suspendedId=def now' })?.searchParams.get('suspendedId'), 'def');
    assert.equal(resumeLink({ html: '<a href="http://x/other">no</a>', text: '' }), undefined);
  });

  it('hands a link to the waiter of its address, keeps one that came first, and gives up after the timeout', async () => {
    const mailbox = await startMailbox();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: mailbox.port, secure: false, ignoreTLS: true });
    try {
      const send = (to: string, id: string) => transport.sendMail({ from: 'a@example.com', to, subject: 'Reset', html: `<a href="http://x/login?suspendedId=${id}">reset</a>` });
      const waiting = mailbox.nextLink('Ann@example.com', 5000);
      await send('ann@example.com', 'one');
      assert.equal((await waiting).searchParams.get('suspendedId'), 'one');
      await send('bob@example.com', 'two');
      assert.equal((await mailbox.nextLink('bob@example.com', 5000)).searchParams.get('suspendedId'), 'two');
      await assert.rejects(mailbox.nextLink('nobody@example.com', 50), /no email to nobody@example.com/);
      assert.equal(mailbox.received(), 2);
    } finally {
      transport.close();
      await mailbox.stop();
    }
  });
});
