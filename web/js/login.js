// The login page: POST /api/v1/sessions {login, password}. Errors (problem detail) go to a
// role="alert" region; typed values survive a language switch.

import { api } from './api.js';
import { h, replace } from './dom.js';
import { icon } from './icons.js';
import { t } from './i18n.js';

export function renderLogin(root, { langButton, onSignedIn }) {
  const prev = {
    login: root.querySelector('#login-user')?.value || '',
    password: root.querySelector('#login-password')?.value || '',
    focus: document.activeElement?.dataset?.testid || '',
  };
  const user = h('input', {
    id: 'login-user', name: 'login', type: 'text', autocomplete: 'username', required: true,
    autocapitalize: 'none', spellcheck: 'false', dir: 'auto', 'aria-describedby': 'login-error',
    dataset: { testid: 'login-user' },
  });
  const password = h('input', {
    id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password',
    required: true, dir: 'ltr', 'aria-describedby': 'login-error', dataset: { testid: 'login-password' },
  });
  user.value = prev.login;
  password.value = prev.password;
  const error = h('div', { id: 'login-error', class: 'form-error', role: 'alert', dataset: { testid: 'login-error' } });
  const submit = h('button', { type: 'submit', class: 'primary', dataset: { testid: 'login-submit' } }, icon('login'), t('common.login.submit'));

  const form = h('form', { class: 'login-form', dataset: { testid: 'login-form' }, novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'login-user' }, t('common.login.user')), user),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, t('common.login.password')), password),
    error,
    submit);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const login = user.value.trim();
    if (!login || !password.value) {
      error.textContent = t('common.login.missing');
      (login ? password : user).focus();
      return;
    }
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const answer = await api('/api/v1/sessions', { method: 'POST', body: { login, password: password.value } });
      onSignedIn(answer);
    } catch (err) {
      error.textContent = err.status === 401 && !err.problem?.detail ? t('common.login.failed') : err.message;
      password.select();
      password.focus();
    } finally {
      submit.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });

  replace(root,
    h('main', { id: 'main', class: 'login-page' },
      h('div', { class: 'login-card' },
        h('div', { class: 'login-top' },
          h('span', { class: 'brand' }, h('img', { src: 'favicon.svg', alt: '', width: 36, height: 36 }),
            h('span', { class: 'brand-name' }, t('common.app.name'))),
          langButton()),
        h('h1', {}, t('common.login.title')),
        h('p', { class: 'lead' }, t('common.app.tagline')),
        form,
        // The public alerts page (web/alerts.html) needs no sign-in.
        h('p', { class: 'login-alerts' }, h('a', { href: 'alerts.html', dataset: { testid: 'login-alerts' } }, t('common.login.alerts'))))));

  // Keep focus where it was across a language switch; otherwise start in the first field.
  const refocus = prev.focus && root.querySelector(`[data-testid="${prev.focus}"]`);
  (refocus || user).focus();
}
