import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from './errors.js';
import { canonicalizeUrl } from './url.js';

describe('canonicalizeUrl', () => {
  const cases: [string, string][] = [
    // Host case, fragment, default port, userinfo.
    ['https://Tin.Example.VN/Bai-Viet', 'https://tin.example.vn/Bai-Viet'],
    ['HTTPS://tin.example.vn:443/a#binh-luan', 'https://tin.example.vn/a'],
    ['http://tin.example.vn:80/a', 'http://tin.example.vn/a'],
    ['http://tin.example.vn:8080/a', 'http://tin.example.vn:8080/a'],
    ['https://user:secret@tin.example.vn/a', 'https://tin.example.vn/a'],
    ['https://tin.example.vn./a', 'https://tin.example.vn/a'],
    ['  https://tin.example.vn/a  ', 'https://tin.example.vn/a'],
    ['https://tin.example.vn', 'https://tin.example.vn/'],
    // Tracking parameters, with the rest kept in order.
    [
      'https://Tin.Example.vn/bai-viet?id=7&utm_source=zalo&fbclid=abc#binh-luan',
      'https://tin.example.vn/bai-viet?id=7',
    ],
    ['https://tin.example.vn/a?utm_source=fb&UTM_Medium=social', 'https://tin.example.vn/a'],
    [
      'https://tin.example.vn/a?z=1&gclid=x&a=2&zarsrc=30&b=3',
      'https://tin.example.vn/a?z=1&a=2&b=3',
    ],
    ['https://tin.example.vn/a?gidzl=abc&zaloid=1', 'https://tin.example.vn/a'],
    [
      'https://vnexpress.example/a.html?vn_source=x&vn_medium=y&vn_campaign=z',
      'https://vnexpress.example/a.html',
    ],
    ['https://tin.example.vn/a?mc_cid=1&mc_eid=2&mc_other=3&p=1', 'https://tin.example.vn/a?p=1'],
    ['https://tin.example.vn/a?_hsenc=1&_hsmi=2&ocid=3&cmpid=4', 'https://tin.example.vn/a'],
    ['https://tin.example.vn/a?pk_campaign=x&mtm_source=y&_ga=1&_gl=2', 'https://tin.example.vn/a'],
    ['https://tin.example.vn/a?ttclid=1&msclkid=2&igshid=3&srsltid=4', 'https://tin.example.vn/a'],
    // Encoded tracking keys are recognised too.
    ['https://tin.example.vn/a?utm%5Fsource=x&id=1', 'https://tin.example.vn/a?id=1'],
    // Nothing else is reordered or re-encoded.
    ['https://tin.example.vn/a?b=2&a=1', 'https://tin.example.vn/a?b=2&a=1'],
    ['https://tin.example.vn/a?q=a,b&utm_source=x', 'https://tin.example.vn/a?q=a,b'],
    ['https://tin.example.vn/a?q=a%20b&utm_source=x', 'https://tin.example.vn/a?q=a%20b'],
    [
      'https://tin.example.vn/a?ref=home&source=rss',
      'https://tin.example.vn/a?ref=home&source=rss',
    ],
    ['https://tin.example.vn/a?id=1&id=2', 'https://tin.example.vn/a?id=1&id=2'],
    // Empty and trailing separators.
    ['https://tin.example.vn/a?', 'https://tin.example.vn/a'],
    ['https://tin.example.vn/a?&&id=1&', 'https://tin.example.vn/a?id=1'],
    ['https://tin.example.vn/a?utm_source=x#top', 'https://tin.example.vn/a'],
    // Paths are left alone apart from the WHATWG normalisation.
    ['https://tin.example.vn/x/../tin-một', 'https://tin.example.vn/tin-m%E1%BB%99t'],
    ['https://Bộ-Y-Tế.example/a', 'https://xn--b-y-t-s61b7g.example/a'],
  ];
  for (const [input, expected] of cases) {
    test(input, () => {
      assert.equal(canonicalizeUrl(input), expected);
      assert.equal(canonicalizeUrl(expected), expected, 'idempotent');
    });
  }

  test('the same page with and without tracking gives one URL', () => {
    assert.equal(
      canonicalizeUrl('https://tin.example.vn/a?q=a,b&fbclid=1'),
      canonicalizeUrl('https://tin.example.vn/a?q=a,b'),
    );
  });

  test('rejects what is not an absolute http(s) URL, naming the field', () => {
    for (const input of [
      'not a url',
      '/relative/path',
      'ftp://example.vn/a',
      'javascript:alert(1)',
    ]) {
      assert.throws(
        () => canonicalizeUrl(input, 'sourceUrl'),
        (error: unknown) =>
          error instanceof ValidationError && JSON.stringify(error.details).includes('sourceUrl'),
        input,
      );
    }
  });
});
