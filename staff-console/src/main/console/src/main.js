// The console's frame: who is signed in, language and time-zone choice, the navigation the role is offered, and the
// hash router that shows one screen at a time (#/complaints/…, #/admin/…), so every screen has a link to share.
import { getJson, takeReturnTo } from './api.js';
import {
  knownZones,
  messages,
  onLanguageChange,
  rememberBranchZones,
  setLanguage,
  setZoneChoice,
  t,
  translatePage,
  currentLanguage,
  zoneChoiceValue,
} from './i18n.js';
import { frameMessages } from './messages.js';
import { currentUser, loadSession } from './session.js';
import { screens } from './screens/index.js';
import { h, problemBox } from './ui.js';

messages(frameMessages);

const view = document.getElementById('view');
let cleanup = null;

/** The route matching the hash: { route, params } (a pattern's :name parts become params). */
function match(hash) {
  const [path, search = ''] = (hash.replace(/^#/, '') || '/').split('?');
  for (const screen of screens) {
    for (const route of screen.routes) {
      const names = [];
      const pattern = new RegExp(
        `^${route.path.replace(/:(\w+)/g, (whole, name) => {
          names.push(name);
          return '([^/]+)';
        })}$`,
      );
      const found = pattern.exec(path);
      if (found && (!route.allowed || route.allowed())) {
        let params;
        try {
          params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
        } catch {
          return null; // a malformed link (%E0): no such page
        }
        return { route, params, query: new URLSearchParams(search) };
      }
    }
  }
  return null;
}

let showing = 0;

/**
 * Shows the screen the hash names, in a container of its own: when another navigation starts while a screen still
 * waits for the API (a language switch, then a link), the old container is already out of the page, so a late answer
 * writes nowhere visible; its cleanup (timers, streams) runs as soon as it returns.
 */
async function show() {
  if (typeof cleanup === 'function') cleanup();
  cleanup = null;
  const mine = ++showing;
  const found = match(location.hash);
  renderNav(found?.route);
  const screen = h('div', { class: 'screen' });
  view.replaceChildren(screen);
  if (!found) {
    screen.append(h('section', { class: 'panel' }, h('h1', {}, t('app.notFound')), h('p', {}, h('a', { href: '#/' }, t('app.home')))));
    return;
  }
  document.title = `${t(found.route.title ?? 'app.title')} — ${t('app.title')}`;
  let done;
  try {
    done = await found.route.render(screen, found.params, found.query);
  } catch (error) {
    screen.append(h('section', { class: 'panel' }, problemBox(error)));
  }
  if (mine === showing) cleanup = done;
  else if (typeof done === 'function') done();
}

function renderNav(active) {
  const nav = document.getElementById('nav');
  const items = screens
    .flatMap((screen) => screen.routes)
    .filter((route) => route.nav && (!route.allowed || route.allowed()));
  nav.replaceChildren(
    ...items.map((route) =>
      h('a', { href: `#${route.path}`, class: route === active || active?.section === route.nav ? 'active' : '' }, t(route.nav)),
    ),
  );
}

function renderPreferences() {
  const language = document.getElementById('language');
  language.value = currentLanguage();
  language.onchange = () => setLanguage(language.value);
  const zone = document.getElementById('time-zone');
  const choices = [
    ['branch', t('pref.zone.branch')],
    ['browser', t('pref.zone.browser')],
    ...knownZones().map((z) => [z, z]),
  ];
  zone.replaceChildren(...choices.map(([value, text]) => new Option(text, value)));
  if (!choices.some(([value]) => value === zoneChoiceValue())) setZoneChoice('branch'); // a zone no longer offered
  zone.value = zoneChoiceValue();
  zone.onchange = () => setZoneChoice(zone.value);
  const user = currentUser();
  const scope = [...user.branches, ...user.regions.map((r) => t('scope.region', { region: r }))].join(', ');
  document.getElementById('whoami').textContent = `${user.displayName} · ${user.roles
    .map((role) => t(`role.${role}`))
    .join(', ')}${scope ? ` · ${scope}` : ''}`;
  translatePage();
}

async function start() {
  const user = await loadSession();
  const returnTo = takeReturnTo();
  if (returnTo && (!location.hash || location.hash === '#/')) history.replaceState(null, '', returnTo);
  document.getElementById('sign-out-csrf').value = user.csrf.token;
  document.getElementById('sign-out-csrf').name = user.csrf.parameterName;
  try {
    rememberBranchZones(await getJson('/api/v1/branches'));
  } catch {
    // the directory is optional for the frame: times then show in the browser's zone
  }
  renderPreferences();
  onLanguageChange(() => {
    renderPreferences();
    show();
  });
  window.addEventListener('hashchange', show);
  await show();
}

start().catch((error) => {
  view.replaceChildren(h('section', { class: 'panel' }, problemBox(error)));
});
