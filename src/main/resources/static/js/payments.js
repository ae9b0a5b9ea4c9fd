// Payments pages: every form works without this; it adds speed. The account box picks the first match on Enter and
// walks matches with the arrows; the tender shows only its own fields; the split and the drawer count total as you type.
(function () {
  function cents(text) {
    var clean = String(text || '').replace(/[$,\s]/g, '');
    if (!/^-?\d*(\.\d{0,2})?$/.test(clean) || clean === '' || clean === '-') return clean === '' ? 0 : NaN;
    return Math.round(parseFloat(clean) * 100);
  }
  function dollars(c) {
    var sign = c < 0 ? '-' : '';
    c = Math.abs(c);
    var whole = String(Math.floor(c / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return sign + '$' + whole + '.' + String(c % 100).padStart(2, '0');
  }

  // ---- the account box -------------------------------------------------------------------------------------------
  var box = document.getElementById('pay-q');
  var find = document.getElementById('pay-find');
  function hits() { return Array.from(document.querySelectorAll('#pay-hits a.hit')); }
  if (box && find) {
    find.addEventListener('submit', function (e) {
      var list = hits();
      var shown = document.querySelector('#pay-hits .pay-hits-list');
      if (list.length && shown && shown.dataset.q === box.value) { e.preventDefault(); window.location = list[0].href; }
    });
    document.addEventListener('keydown', function (e) {
      var list = hits();
      var inHits = e.target.closest && e.target.closest('#pay-hits');
      if (e.target === box && e.key === 'ArrowDown' && list.length) { e.preventDefault(); list[0].focus(); }
      else if (inHits && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        var i = list.indexOf(document.activeElement) + (e.key === 'ArrowDown' ? 1 : -1);
        if (i < 0) box.focus(); else if (i < list.length) list[i].focus();
      } else if ((e.target === box || inHits) && e.key === 'Escape') {
        document.getElementById('pay-hits').innerHTML = '';
        box.focus();
      }
    });
  }

  // ---- tender-dependent fields and the total ---------------------------------------------------------------------
  var form = document.getElementById('pay-form');
  var tender = document.getElementById('tender');
  function showTender() {
    if (!tender) return;
    var chosen = tender.options[tender.selectedIndex];
    var counter = chosen && chosen.dataset.counter === 'true';
    document.querySelectorAll('#pay-form [data-tenders]').forEach(function (group) {
      group.hidden = group.dataset.tenders.split(' ').indexOf(tender.value) < 0;
    });
    document.querySelectorAll('#pay-form [data-counter-only]').forEach(function (el) { el.hidden = !counter; });
  }
  function total() {
    var out = document.getElementById('pay-total');
    if (!out) return;
    var sum = 0, bad = false, parts = 0;
    document.querySelectorAll('#pay-form [data-pay-part]').forEach(function (input) {
      if (input.value.trim() === '') return;
      var c = cents(input.value);
      if (isNaN(c)) bad = true; else { sum += c; parts++; }
    });
    out.textContent = bad ? 'Check the amounts' : parts > 1 ? 'Total ' + dollars(sum) + ' across ' + parts + ' accounts' : '';
  }
  if (form) {
    // The amount starts as the balance due: selected, so typing replaces it.
    var amount = document.getElementById('amount');
    if (amount && document.activeElement === amount) amount.select();
    if (tender) tender.addEventListener('change', showTender);
    form.addEventListener('input', total);
    showTender();
    total();
    var once = false;
    form.addEventListener('submit', function (e) {
      // The idempotency key already makes a double post harmless; this only spares the second round trip.
      if (once) { e.preventDefault(); return; }
      once = true;
      var b = form.querySelector('button[type=submit]');
      if (b) b.setAttribute('aria-disabled', 'true');
    });
    window.addEventListener('pageshow', function () {
      once = false;
      var b = form.querySelector('button[type=submit]');
      if (b) b.removeAttribute('aria-disabled');
    });
  }

  // ---- the drawer count ------------------------------------------------------------------------------------------
  var count = document.getElementById('count-form');
  function countTotals() {
    var cash = 0;
    document.querySelectorAll('#count-form .count-input').forEach(function (input) {
      var n = parseInt(input.value, 10);
      var line = input.closest('tr').querySelector('.count-line');
      var value = Math.round(parseFloat(input.dataset.value) * 100);
      if (!isNaN(n) && n > 0) { cash += n * value; line.textContent = dollars(n * value); } else { line.textContent = ''; }
    });
    var checks = 0;
    document.querySelectorAll('#count-form .check-amount').forEach(function (input) {
      var c = cents(input.value);
      if (!isNaN(c)) checks += c;
    });
    document.getElementById('cash-total').textContent = dollars(cash);
    document.getElementById('check-total').textContent = dollars(checks);
    var summary = document.getElementById('count-summary');
    var expected = Math.round(parseFloat(summary.dataset.expectedCash) * 100) + Math.round(parseFloat(summary.dataset.expectedChecks) * 100);
    var diff = cash + checks - expected;
    summary.textContent = 'Counted ' + dollars(cash + checks) + ' against ' + dollars(expected) + ' expected: '
      + (diff === 0 ? 'in balance.' : diff > 0 ? 'over by ' + dollars(diff) + '.' : 'short by ' + dollars(-diff) + '.');
    summary.className = 'count-summary ' + (diff === 0 ? 'even' : diff > 0 ? 'over' : 'short');
  }
  if (count) {
    count.addEventListener('input', countTotals);
    countTotals();
    var add = document.getElementById('add-check');
    if (add) {
      add.hidden = false;
      add.addEventListener('click', function () {
        var body = document.querySelector('#check-grid tbody');
        var last = body.querySelector('tr:last-child');
        var row = last.cloneNode(true);
        row.querySelectorAll('input').forEach(function (i) { i.value = ''; i.removeAttribute('aria-invalid'); });
        row.querySelectorAll('.field-error').forEach(function (p) { p.remove(); });
        var n = body.querySelectorAll('tr').length + 1;
        row.querySelector('input[name=checkNumber]').setAttribute('aria-label', 'Check ' + n + ' number');
        row.querySelector('input[name=checkAmount]').setAttribute('aria-label', 'Check ' + n + ' amount');
        body.appendChild(row);
        row.querySelector('input').focus();
      });
    }
  }

  // ---- the suspense queue: a match from the account search fills the apply form's box ---------------------------
  document.addEventListener('click', function (e) {
    var hit = e.target.closest && e.target.closest('.suspense-hits a.hit');
    if (!hit) return;
    e.preventDefault();
    var apply = hit.closest('form');
    var q = apply.querySelector('.suspense-q');
    q.value = hit.querySelector('.hit-number').textContent.trim();
    apply.querySelector('.suspense-hits').innerHTML = '';
    apply.querySelector('input[name=note]').focus();
  });
  document.querySelectorAll('form.suspense-apply').forEach(function (apply) {
    apply.addEventListener('submit', function () {
      // Enter on a search picks its first match, as on the payment screen.
      var q = apply.querySelector('.suspense-q');
      var shown = apply.querySelector('.pay-hits-list');
      var first = apply.querySelector('.suspense-hits a.hit .hit-number');
      if (first && shown && shown.dataset.q === q.value) q.value = first.textContent.trim();
    });
    apply.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') apply.querySelector('.suspense-hits').innerHTML = '';
    });
  });

  // ---- print -----------------------------------------------------------------------------------------------------
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.addEventListener('click', function () { window.print(); });
  });
})();
