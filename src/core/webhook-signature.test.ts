import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  signWebhook,
  verifyWebhook,
  type WebhookFailureReason,
  type WebhookVerification,
} from './webhook-signature.js';

const secret = 'whsec_3b1f0c9e5a7d4e2f8c6b0a1d9e7f5c3b';
const newSecret = 'whsec_new_7e9c1a3b5d7f9e1c3a5b7d9f1e3c5a7b';
const now = new Date('2026-11-21T07:30:00Z');
const t = Math.floor(now.getTime() / 1000);
const body = JSON.stringify({ url: 'https://example.vn/tin-don', text: 'Tin đồn về mưa bão' });

function refused(result: WebhookVerification, reason: WebhookFailureReason): void {
  assert.deepEqual(result, { ok: false, reason });
}

describe('signWebhook', () => {
  test('matches the documented construction', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    assert.equal(signWebhook(body, secret, t), `t=${t},v1=${expected}`);
    assert.equal(signWebhook(body, secret, now), `t=${t},v1=${expected}`);
    assert.equal(signWebhook(Buffer.from(body), secret, t), `t=${t},v1=${expected}`);
  });

  test('one v1 per secret while rotating', () => {
    const header = signWebhook(body, [secret, newSecret], t);
    assert.equal(header.match(/v1=/g)?.length, 2);
  });
});

describe('verifyWebhook', () => {
  const header = signWebhook(body, secret, t);

  test('accepts a valid signature, string or bytes body', () => {
    assert.deepEqual(verifyWebhook({ rawBody: body, header, secrets: secret, now }), {
      ok: true,
      timestamp: t,
      secretIndex: 0,
    });
    assert.ok(verifyWebhook({ rawBody: Buffer.from(body), header, secrets: [secret], now }).ok);
    assert.ok(verifyWebhook({ rawBody: body, header: [header], secrets: secret, now }).ok);
  });

  test('accepts upper-case hex and spaces after commas', () => {
    const loose = header
      .replace(/v1=([0-9a-f]+)/, (_m, hex: string) => `v1=${hex.toUpperCase()}`)
      .replace(',', ', ');
    assert.ok(verifyWebhook({ rawBody: body, header: loose, secrets: secret, now }).ok);
  });

  test('a tampered body fails', () => {
    const tampered = body.replace('mưa bão', 'mưa bảo');
    refused(verifyWebhook({ rawBody: tampered, header, secrets: secret, now }), 'bad-signature');
    refused(verifyWebhook({ rawBody: `${body} `, header, secrets: secret, now }), 'bad-signature');
  });

  test('a tampered timestamp or signature fails', () => {
    const moved = header.replace(`t=${t}`, `t=${t + 1}`);
    refused(verifyWebhook({ rawBody: body, header: moved, secrets: secret, now }), 'bad-signature');
    const flipped = header.slice(0, -1) + (header.endsWith('0') ? '1' : '0');
    refused(
      verifyWebhook({ rawBody: body, header: flipped, secrets: secret, now }),
      'bad-signature',
    );
  });

  test('the wrong secret fails', () => {
    refused(verifyWebhook({ rawBody: body, header, secrets: newSecret, now }), 'bad-signature');
  });

  test('timestamps outside the window, past or future, are refused; the edges are inside', () => {
    const at = (seconds: number) => new Date((t + seconds) * 1000);
    assert.ok(verifyWebhook({ rawBody: body, header, secrets: secret, now: at(300) }).ok);
    assert.ok(verifyWebhook({ rawBody: body, header, secrets: secret, now: at(-300) }).ok);
    refused(
      verifyWebhook({ rawBody: body, header, secrets: secret, now: at(301) }),
      'timestamp-outside-window',
    );
    refused(
      verifyWebhook({ rawBody: body, header, secrets: secret, now: at(-301) }),
      'timestamp-outside-window',
    );
    refused(
      verifyWebhook({ rawBody: body, header, secrets: secret, now: at(61), toleranceSeconds: 60 }),
      'timestamp-outside-window',
    );
    // An old, validly signed request: the window is what bounds replays.
    const old = signWebhook(body, secret, t - 3600);
    refused(
      verifyWebhook({ rawBody: body, header: old, secrets: secret, now }),
      'timestamp-outside-window',
    );
  });

  test('rotation: the receiver accepts either secret, the sender may send both', () => {
    const keys = [newSecret, secret];
    const oldSigned = verifyWebhook({ rawBody: body, header, secrets: keys, now });
    assert.deepEqual(oldSigned, { ok: true, timestamp: t, secretIndex: 1 });
    const both = signWebhook(body, [secret, newSecret], t);
    assert.ok(verifyWebhook({ rawBody: body, header: both, secrets: newSecret, now }).ok);
    assert.ok(verifyWebhook({ rawBody: body, header: both, secrets: secret, now }).ok);
    const unrelated = signWebhook(body, 'other', t).replace(`t=${t},`, '');
    const mixed = `${unrelated},t=${t},${header.split(',')[1]}`;
    assert.ok(verifyWebhook({ rawBody: body, header: mixed, secrets: secret, now }).ok);
  });

  test('missing header', () => {
    for (const h of [undefined, null, '', '   ', []]) {
      refused(verifyWebhook({ rawBody: body, header: h, secrets: secret, now }), 'missing-header');
    }
  });

  test('malformed headers', () => {
    const sig = header.split(',')[1]!;
    const malformed = [
      'garbage',
      sig,
      `t=${t}`,
      `t=${t},v1=`,
      `t=${t},v1=abc`,
      `t=${t},v1=${'z'.repeat(64)}`,
      `t=abc,${sig}`,
      `t=-5,${sig}`,
      `t=${t},t=${t},${sig}`,
      `t=${t},${sig},=x`,
      `t=${t},${Array.from({ length: 9 }, () => sig).join(',')}`,
      `t=${t},${sig},${'x'.repeat(5000)}=1`,
    ];
    for (const h of malformed) {
      refused(
        verifyWebhook({ rawBody: body, header: h, secrets: secret, now }),
        'malformed-header',
      );
    }
    refused(
      verifyWebhook({ rawBody: body, header: [header, header], secrets: secret, now }),
      'malformed-header',
    );
  });

  test('unknown schemes are ignored', () => {
    const withV0 = `${header},v0=deadbeef`;
    assert.ok(verifyWebhook({ rawBody: body, header: withV0, secrets: secret, now }).ok);
  });
});
