// faceblur studio: the page's entry point. It reads the session, listens to the studio's events, and shows
// the home view (#/) or one project's review (#/project/ID), so that a reload returns to the same place.

import * as api from './api.js';
import { Home } from './home.js';
import { Review } from './review.js';

const $ = (id) => document.getElementById(id);

/** Messages to the reviewer: errors stay until dismissed or replaced, news fades. */
const notify = (() => {
  let timer = 0;
  const show = (message, kind, ms) => {
    const box = $('notice');
    $('notice-text').textContent = message;
    $('notice-text').title = message;
    box.dataset.kind = kind;
    box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    box.hidden = false;
    clearTimeout(timer);
    if (ms) timer = setTimeout(() => { box.hidden = true; }, ms);
  };
  $('notice-close').addEventListener('click', () => { $('notice').hidden = true; });
  return {
    error: (message) => show(message, 'error', 20000),
    info: (message) => show(message, 'info', 5000),
  };
})();

let home = null;
let review = null;

function route() {
  const match = /^#\/project\/([^/]+)$/.exec(location.hash);
  if (match) {
    const id = decodeURIComponent(match[1]);
    if (review && review.id === id) return;
    if (review) review.destroy();
    document.body.dataset.view = 'review';
    $('home-view').hidden = true;
    $('review-view').hidden = false;
    review = new Review(id, notify);
    review.open();
  } else {
    if (review) review.destroy();
    review = null;
    document.body.dataset.view = 'home';
    document.title = 'faceblur studio';
    $('crumb').textContent = '';
    $('review-view').hidden = true;
    $('home-view').hidden = false;
    home.show();
  }
}

async function main() {
  window.addEventListener('studio-signed-out', () => {
    notify.error('This session has ended. Open the link faceblur studio printed when it started '
      + '(it ends in ?token=...), or sign in again.');
  });
  let session;
  try {
    session = await api.session();
  } catch (e) {
    document.body.dataset.view = 'home';
    $('home-view').hidden = false;
    notify.error(e.message);
    return;
  }
  $('user').textContent = session.user;
  home = new Home(session, {
    open: (id) => { location.hash = `#/project/${encodeURIComponent(id)}`; },
    error: (m) => notify.error(m),
  });
  api.listen((status) => {
    home.update(status);
    if (review) review.onStatus(status, true);
  }, () => {
    home.loadProjects();
    if (review) review.resync();
  });
  window.addEventListener('hashchange', route);
  route();
}

main();
