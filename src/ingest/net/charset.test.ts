import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { decodeBody } from './charset.js';
import { encodeCp1258 } from '../../../test/local-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = path.resolve(root, '../shared/data/vi-legacy-encodings/derived');

const VI =
  'Bộ Y tế khẳng định thông tin uống nước chanh nóng chữa được ung thư là sai sự thật. ' +
  'Người dân cần tỉnh táo, không chia sẻ tin đồn trên mạng xã hội khi chưa được kiểm chứng.';

function html(head: string, body: string): string {
  return `<!doctype html><html lang="vi"><head>${head}<title>Tin</title></head><body><p>${body}</p></body></html>`;
}

describe('decodeBody: declared encodings', () => {
  test('a UTF-8 byte-order mark wins over a wrong header and is removed', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(VI)]);
    const out = decodeBody(body, { contentType: 'text/plain; charset=windows-1252' });
    assert.equal(out.text, VI);
    assert.equal(out.encoding, 'utf-8');
    assert.equal(out.source, 'bom');
  });

  test('a UTF-16LE byte-order mark', () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VI, 'utf16le')]);
    assert.equal(decodeBody(body).text, VI);
  });

  test('the Content-Type charset: windows-1258', () => {
    const body = encodeCp1258(html('', VI));
    const out = decodeBody(body, { contentType: 'text/html; charset=windows-1258' });
    assert.equal(out.text, html('', VI));
    assert.equal(out.encoding, 'windows-1258');
    assert.equal(out.source, 'header');
  });

  test('the charset option wins over the content type', () => {
    const body = iconv.encode(VI, 'viscii');
    const out = decodeBody(body, { contentType: 'text/plain; charset=utf-8', charset: 'VISCII' });
    assert.equal(out.text, VI);
  });

  test('windows-1252 (and ISO-8859-1 read as windows-1252)', () => {
    const fr = 'Le café « très élégant » coûte 5 € — déjà vu';
    const body = iconv.encode(fr, 'windows-1252');
    assert.equal(decodeBody(body, { contentType: 'text/plain; charset=windows-1252' }).text, fr);
    const latin1 = decodeBody(body, { contentType: 'text/plain; charset=ISO-8859-1' });
    assert.equal(latin1.text, fr, 'the euro sign (0x80) survives as in browsers');
    assert.equal(latin1.encoding, 'windows-1252');
  });

  test('<meta charset> in the first bytes of HTML', () => {
    const page = html('<meta charset="viscii">', VI);
    const out = decodeBody(iconv.encode(page, 'viscii'), { contentType: 'text/html' });
    assert.equal(out.text, page);
    assert.equal(out.encoding, 'viscii');
    assert.equal(out.source, 'meta');
  });

  test('<meta http-equiv content="…charset="> for TCVN5712-1', () => {
    const page = html('<meta http-equiv="Content-Type" content="text/html; charset=TCVN">', VI);
    const out = decodeBody(iconv.encode(page, 'tcvn'), { kind: 'html' });
    assert.equal(out.text, page);
    assert.equal(out.encoding, 'tcvn5712-1');
  });

  test('a declaration inside a comment is ignored', () => {
    const page = html('<!-- <meta charset="windows-1252"> --><meta charset="utf-8">', VI);
    const out = decodeBody(Buffer.from(page), { kind: 'html' });
    assert.equal(out.text, page);
    assert.equal(out.source, 'meta');
  });

  test('the XML declaration of a feed', () => {
    const feed = `<?xml version="1.0" encoding="windows-1258"?><rss><channel><title>${VI}</title></channel></rss>`;
    const out = decodeBody(encodeCp1258(feed), { contentType: 'application/rss+xml' });
    assert.equal(out.text, feed);
    assert.equal(out.source, 'xml-declaration');
  });

  test('a server default of ISO-8859-1 on a UTF-8 page gives UTF-8', () => {
    const page = html('<meta charset="utf-8">', VI);
    const out = decodeBody(Buffer.from(page), { contentType: 'text/html; charset=iso-8859-1' });
    assert.equal(out.text, page);
    assert.equal(out.encoding, 'utf-8');
  });

  test('an unknown label falls back to detection', () => {
    const out = decodeBody(Buffer.from(VI), { contentType: 'text/plain; charset=x-klingon' });
    assert.equal(out.text, VI);
    assert.equal(out.source, 'detected');
  });

  test('NFD input comes out NFC', () => {
    const out = decodeBody(Buffer.from(VI.normalize('NFD')), { contentType: 'text/plain' });
    assert.equal(out.text, VI);
  });
});

describe('decodeBody: detection', () => {
  test('undeclared UTF-8', () => {
    const out = decodeBody(Buffer.from(html('', VI)));
    assert.equal(out.text, html('', VI));
    assert.equal(out.encoding, 'utf-8');
    assert.equal(out.source, 'detected');
  });

  for (const [name, encode] of [
    ['tcvn5712-1', (s: string) => iconv.encode(s, 'tcvn')],
    ['viscii', (s: string) => iconv.encode(s, 'viscii')],
    ['windows-1258', encodeCp1258],
  ] as const) {
    test(`undeclared ${name}`, () => {
      const out = decodeBody(encode(html('', VI)), { contentType: 'text/html' });
      assert.equal(out.text, html('', VI));
      assert.equal(out.encoding, name);
    });
  }

  test('undeclared windows-1252 French is not mistaken for Vietnamese', () => {
    const fr =
      'Le ministère a précisé que la rumeur était fausse. Les élèves doivent vérifier où ' +
      'ils lisent les nouvelles, même à côté de chez eux, avant de les partager.';
    const out = decodeBody(iconv.encode(fr, 'windows-1252'), { contentType: 'text/plain' });
    assert.equal(out.text, fr);
  });

  test('other scripts go to the general detector', () => {
    const ja =
      '日本語のテキストです。東京都は本日、新しい発表を行いました。情報を確認してください。';
    const ru =
      'Министерство здравоохранения опровергло слухи о том, что лимонный сок лечит рак. Будьте внимательны.';
    for (const [text, encoding] of [
      [ja, 'shift_jis'],
      [ru, 'windows-1251'],
    ] as const) {
      const out = decodeBody(iconv.encode(text, encoding), { contentType: 'text/plain' });
      assert.equal(out.encoding, encoding);
      assert.equal(out.text, text);
    }
  });

  test('shared parallel fixtures: TCVN5712-1, VISCII and CP1258 lines', () => {
    const jsonl = readFileSync(path.join(dataDir, 'parallel_vnpara300.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .slice(0, 40)
      .map((line) => (JSON.parse(line) as { nfc: string }).nfc);
    const expected = jsonl.join('\n');
    for (const [file, encoding] of [
      ['parallel_vnpara300.tcvn5712-1.txt', 'tcvn5712-1'],
      ['parallel_vnpara300.viscii.txt', 'viscii'],
      ['parallel_vnpara300.cp1258.txt', 'windows-1258'],
    ] as const) {
      const bytes = readFileSync(path.join(dataDir, file));
      // Take the same 40 lines as bytes (0x0A is a line feed in every one of these encodings).
      let end = 0;
      for (let line = 0; line < 40; line++) end = bytes.indexOf(0x0a, end) + 1;
      const out = decodeBody(bytes.subarray(0, end - 1), { contentType: 'text/plain' });
      assert.equal(out.encoding, encoding, file);
      assert.equal(out.text, expected, file);
    }
  });
});

describe('decodeBody: legacy fonts', () => {
  test('TCVN3 (ABC) font glyphs in a windows-1252 page are converted', () => {
    // What a page typed in .VnTime looks like: TCVN3 byte values served as windows-1252.
    const glyphs = iconv.decode(iconv.encode(VI, 'tcvn'), 'windows-1252');
    const page = `<html><body><font face=".VnTime">${glyphs}</font></body></html>`;
    const out = decodeBody(iconv.encode(page, 'windows-1252'), {
      contentType: 'text/html; charset=windows-1252',
    });
    assert.equal(out.legacyFont, 'tcvn3');
    assert.equal(out.text, `<html><body><font face=".VnTime">${VI}</font></body></html>`);
  });

  test('ordinary Unicode text is not touched', () => {
    const out = decodeBody(Buffer.from(VI));
    assert.equal(out.legacyFont, undefined);
    assert.equal(out.text, VI);
  });
});
