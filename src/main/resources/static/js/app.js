// Sends the CSRF token with every htmx request, and asks before destructive actions.
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});
document.addEventListener('submit', function (event) {
  var message = event.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
}, true);

// "Add another" on Create New → Individual Client: fetch one more row instead of reloading the page.
document.addEventListener('click', function (event) {
  var button = event.target.closest('#add-another');
  if (!button || !button.dataset.rowUrl) {
    return;
  }
  event.preventDefault();
  var index = parseInt(button.dataset.nextIndex, 10);
  if (index >= parseInt(button.dataset.max, 10)) {
    return;
  }
  fetch(button.dataset.rowUrl + '?index=' + index, { headers: { 'HX-Request': 'true' } })
    .then(function (response) { return response.text(); })
    .then(function (html) {
      document.getElementById('client-rows').insertAdjacentHTML('beforeend', html);
      button.dataset.nextIndex = String(index + 1);
      var rows = document.querySelectorAll('#client-rows .client-row');
      var first = rows[rows.length - 1].querySelector('input');
      if (first) { first.focus(); }
    });
});
