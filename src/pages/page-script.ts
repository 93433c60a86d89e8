/**
 * The pages' one script (`/login/pages.js`), progressive enhancement only: every page works
 * without it. It shows the show/hide password buttons, ticks a new password's rules while the
 * person types, checks that a confirmed password matches, posts a polling step again after its
 * wait, fills the CAPTCHA answer from the provider's widget (keeping the submit buttons disabled
 * until it gives one when the step asks so: `data-disable-submission`), and stops a form being
 * sent twice.
 * Served from Arbor's origin, so the page policy allows it without `unsafe-inline`.
 */

/** Where the script is served. */
export const PAGE_SCRIPT_PATH = '/login/pages.js';

export const PAGE_SCRIPT = `(() => {
  'use strict';
  const checks = {
    min: (value, arg) => [...value].length >= Number(arg),
    max: (value, arg) => [...value].length <= Number(arg),
    caps: (value, arg) => (value.match(/\\p{Lu}/gu) || []).length >= Number(arg),
    nums: (value, arg) => (value.match(/[0-9]/g) || []).length >= Number(arg),
    chars: (value, arg) => ![...arg].some((character) => value.includes(character)),
  };
  for (const button of document.querySelectorAll('button[data-reveal]')) {
    const input = document.getElementById(button.dataset.reveal);
    if (!input) continue;
    const showLabel = button.textContent;
    button.hidden = false;
    button.addEventListener('click', () => {
      const show = input.type === 'password';
      input.type = show ? 'text' : 'password';
      button.setAttribute('aria-pressed', String(show));
      button.textContent = show ? button.dataset.hideLabel : showLabel;
    });
  }
  for (const list of document.querySelectorAll('ul[data-rules-for]')) {
    const input = document.getElementById(list.dataset.rulesFor);
    if (!input) continue;
    const update = () => {
      for (const item of list.querySelectorAll('li[data-check]')) {
        const [kind, ...rest] = item.dataset.check.split(':');
        const check = checks[kind];
        if (!check) continue;
        const met = check(input.value, rest.join(':'));
        item.dataset.state = met ? 'met' : 'unmet';
        const status = item.querySelector('[data-met]');
        if (status) status.textContent = ' (' + (met ? status.dataset.met : status.dataset.unmet) + ')';
      }
    };
    input.addEventListener('input', update);
    if (input.value !== '') update();
  }
  for (const confirm of document.querySelectorAll('input[data-confirms]')) {
    const first = document.getElementById(confirm.dataset.confirms);
    if (!first) continue;
    const compare = () => confirm.setCustomValidity(confirm.value === first.value ? '' : confirm.dataset.mismatch);
    confirm.addEventListener('input', compare);
    first.addEventListener('input', compare);
  }
  const captchaGates = [];
  for (const box of document.querySelectorAll('[data-captcha-for][data-disable-submission]')) {
    const form = box.closest('form');
    const answer = box.querySelector('input[type=hidden]');
    if (!form || !answer) continue;
    const buttons = form.querySelectorAll('button[type=submit], input[type=submit]');
    const gate = () => {
      for (const button of buttons) button.disabled = answer.value === '';
    };
    captchaGates.push(gate);
    gate();
    form.addEventListener('submit', (event) => {
      if (answer.value === '') event.preventDefault();
    });
  }
  const captchaAnswer = (token) => {
    for (const input of document.querySelectorAll('[data-captcha-for] input[type=hidden]')) input.value = token;
    for (const gate of captchaGates) gate();
  };
  window.arborCaptchaSolved = (token) => captchaAnswer(typeof token === 'string' ? token : '');
  window.arborCaptchaExpired = () => captchaAnswer('');
  for (const box of document.querySelectorAll('[data-captcha-for][data-v3-sitekey]')) {
    const form = box.closest('form');
    const answer = box.querySelector('input[type=hidden]');
    if (!form || !answer) continue;
    form.addEventListener('submit', (event) => {
      const captcha = window.grecaptcha;
      if (answer.value !== '' || !captcha) return;
      event.preventDefault();
      captcha.ready(() => captcha.execute(box.dataset.v3Sitekey, { action: 'submit' }).then((token) => {
        answer.value = token;
        form.submit();
      }));
    });
  }
  for (const poll of document.querySelectorAll('[data-poll-ms]')) {
    const form = poll.closest('form');
    const hint = poll.querySelector('[data-poll-auto]');
    if (!form) continue;
    if (hint) hint.hidden = false;
    setTimeout(() => form.requestSubmit ? form.requestSubmit() : form.submit(), Number(poll.dataset.pollMs));
  }
  for (const form of document.querySelectorAll('form')) {
    form.addEventListener('submit', (event) => {
      if (event.defaultPrevented) return;
      if (form.dataset.sent === 'true') event.preventDefault();
      else form.dataset.sent = 'true';
    });
  }
  window.addEventListener('pageshow', () => {
    for (const form of document.querySelectorAll('form')) delete form.dataset.sent;
  });
})();
`;
