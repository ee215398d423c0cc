/**
 * The pages' one script, served from the plugin's own endpoint and allowed by a per-answer nonce.
 * Progressive enhancement: every button it drives starts `hidden`, so with script off the page
 * shows only what works without it (a plain password field, a selectable code).
 */
export const pageScript = `'use strict';
(function () {
  function announce(region, sentence) {
    // Emptied first, so the same sentence twice in a row is read out twice.
    region.textContent = '';
    setTimeout(function () { region.textContent = sentence; }, 50);
  }

  // Show password: the field becomes text while the toggle is pressed. It turns back into a
  // password field before its form is sent, so a password manager sees the field it expects.
  document.querySelectorAll('button[data-reveal]').forEach(function (button) {
    var field = document.getElementById(button.getAttribute('aria-controls'));
    if (!field) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      var show = field.type === 'password';
      field.type = show ? 'text' : 'password';
      button.setAttribute('aria-pressed', String(show));
    });
    if (field.form) field.form.addEventListener('submit', function () {
      field.type = 'password';
      button.setAttribute('aria-pressed', 'false');
    });
  });

  // Copy the code: the Clipboard API when the browser allows it; otherwise the code is selected
  // and the person is told which keys copy it.
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var source = document.getElementById(button.getAttribute('data-copy'));
    var region = document.getElementById(button.getAttribute('data-status'));
    if (!source || !region) return;
    button.hidden = false;
    function selectCode() {
      var selection = window.getSelection();
      if (selection) selection.selectAllChildren(source);
      announce(region, 'Press Ctrl+C (or Command+C on a Mac) to copy the selected code.');
    }
    button.addEventListener('click', function () {
      var text = (source.textContent || '').replace(/\\s/g, '');
      if (!navigator.clipboard || typeof navigator.clipboard.writeText !== 'function') return selectCode();
      navigator.clipboard.writeText(text).then(function () { announce(region, 'Copied'); }, selectCode);
    });
  });
})();
`;
