// Keyboard-first console: "/" focuses search from anywhere; arrows walk the results; Enter opens; Escape goes back.
(function () {
  function searchBox() { return document.getElementById('q'); }
  function results() { return Array.from(document.querySelectorAll('#search-results a.hit')); }

  document.addEventListener('keydown', function (e) {
    var box = searchBox();
    if (!box) return;
    var tag = (e.target.tagName || '').toLowerCase();
    var typing = tag === 'input' || tag === 'textarea' || tag === 'select' || e.target.isContentEditable;
    if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      box.focus();
      box.select();
      return;
    }
    var hits = results();
    var inResults = e.target.closest && e.target.closest('#search-results');
    if (e.target === box && e.key === 'ArrowDown' && hits.length) {
      e.preventDefault();
      hits[0].focus();
    } else if (inResults && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      var i = hits.indexOf(document.activeElement) + (e.key === 'ArrowDown' ? 1 : -1);
      if (i < 0) { box.focus(); } else if (i < hits.length) { hits[i].focus(); }
    } else if ((e.target === box || inResults) && e.key === 'Escape') {
      document.getElementById('search-results').innerHTML = '';
      box.setAttribute('aria-expanded', 'false');
      box.focus();
    }
  });

  document.addEventListener('submit', function (e) {
    // Enter in the search box opens the best match when there is one, otherwise the full results page.
    // Only when the results on screen answer what is in the box now: typing faster than the server must never open
    // the previous query's first match.
    if (e.target.id === 'search-form') {
      var hits = results();
      var shown = document.querySelector('#search-results .results');
      if (hits.length && shown && shown.dataset.q === searchBox().value) { e.preventDefault(); window.location = hits[0].href; }
    }
  });

  document.addEventListener('DOMContentLoaded', function () {
    // A form that came back with mistakes: start at the summary that lists them.
    var problem = document.getElementById('problem');
    if (problem) problem.focus();
  });

  document.addEventListener('htmx:configRequest', function (e) {
    var token = document.querySelector('meta[name="csrf-token"]');
    var header = document.querySelector('meta[name="csrf-header"]');
    if (token && header) { e.detail.headers[header.content] = token.content; }
  });

  document.addEventListener('htmx:afterSwap', function (e) {
    if (e.detail.target.id === 'search-results') {
      var shown = document.querySelector('#search-results .results');
      var status = document.getElementById('search-status');
      if (status && shown) {
        var n = Number(shown.dataset.count || 0);
        status.textContent = n === 0 ? 'No accounts found' : n + (n === 1 ? ' account' : ' accounts') + ' found; press down arrow to choose';
      }
    }
    if (e.detail.target.id === 'interactions-body' || (e.detail.elt && e.detail.elt.id === 'interactions-body')) {
      var body = document.getElementById('body');
      if (body) body.focus();
    }
  });

  // A session that ended while the page stayed open: htmx would otherwise swap the sign-in page into the page.
  document.addEventListener('htmx:beforeSwap', function (e) {
    var xhr = e.detail.xhr;
    if (xhr && xhr.responseURL && xhr.responseURL.indexOf('/login') !== -1) {
      e.detail.shouldSwap = false;
      window.location = '/login?expired';
    }
  });

  document.addEventListener('click', function (e) {
    var tab = e.target.closest && e.target.closest('.tabs .tab');
    if (tab) {
      document.querySelectorAll('.tabs .tab').forEach(function (t) { t.classList.remove('active'); t.removeAttribute('aria-current'); });
      tab.classList.add('active');
      tab.setAttribute('aria-current', 'page');
      document.querySelectorAll('.tabs .tab[data-panel]').forEach(function (t) {
        var panel = document.getElementById(t.dataset.panel);
        if (panel) panel.hidden = t !== tab;
      });
      e.preventDefault();
    }
    if (!e.target.closest || !e.target.closest('#search-form')) {
      var r = document.getElementById('search-results');
      if (r) r.innerHTML = '';
    }
  });
})();
