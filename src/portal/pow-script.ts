/**
 * The tip form's only script, served at /tip-pow.js when the instance asks for proof of work
 * (TIP_POW_BITS > 0): on submit it fetches a fresh challenge from the tip API (a page may come
 * from a cache, so a challenge is never embedded in it), finds a nonce whose SHA-256 with the
 * challenge starts with enough zero bits (core/proof-of-work.ts), fills the form's hidden fields
 * and sends the form. Plain ES2017 for old phones' browsers; Web Crypto, so HTTPS or localhost.
 */
export const TIP_POW_SCRIPT_PATH = '/tip-pow.js';

export const TIP_POW_SCRIPT = `(function () {
  'use strict';
  var form = document.querySelector('form[data-pow]');
  if (!form || !window.crypto || !window.crypto.subtle || !window.fetch) return;
  var status = document.getElementById('pow-status');
  var button = form.querySelector('button[type="submit"]');
  var encoder = new TextEncoder();
  function zeroBits(bytes) {
    var n = 0;
    for (var i = 0; i < bytes.length; i++) {
      var b = bytes[i];
      if (b === 0) { n += 8; continue; }
      while ((b & 0x80) === 0) { n++; b <<= 1; }
      return n;
    }
    return n;
  }
  async function solve(challenge, bits) {
    // Hashes are asked for in batches: one await per hash would spend its time waiting.
    for (var start = 0; ; start += 256) {
      var batch = [];
      for (var k = 0; k < 256; k++) {
        batch.push(crypto.subtle.digest('SHA-256', encoder.encode(challenge + ':' + (start + k).toString(36))));
      }
      var digests = await Promise.all(batch);
      for (var j = 0; j < digests.length; j++) {
        if (zeroBits(new Uint8Array(digests[j])) >= bits) return (start + j).toString(36);
      }
    }
  }
  var solved = false;
  form.addEventListener('submit', async function (event) {
    if (solved) return;
    event.preventDefault();
    if (button) button.disabled = true;
    if (status) status.textContent = form.getAttribute('data-pow-working') || '';
    try {
      var res = await fetch(form.getAttribute('data-pow'), { cache: 'no-store', credentials: 'same-origin' });
      var body = await res.json();
      if (body.required) {
        form.elements.namedItem('pow_challenge').value = body.challenge;
        form.elements.namedItem('pow_nonce').value = await solve(body.challenge, body.difficultyBits);
      }
    } catch (error) {
      // The server answers a form without a solution with a clear message: send it anyway.
    }
    solved = true;
    if (status) status.textContent = '';
    if (button) button.disabled = false;
    form.submit();
  });
})();
`;
