import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ValidationError } from './errors.js';
import { sniffUpload } from './upload-policy.js';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010800000000' +
    '3a7e9b550000000a49444154789c6360000000020001e221bc330000000049454e44ae426082',
  'hex',
);
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

const refused = (bytes: Uint8Array, name: string, pattern: RegExp) =>
  assert.rejects(sniffUpload(bytes, name), (error: unknown) => {
    assert.ok(error instanceof ValidationError);
    assert.match(error.problems[0]!.message, pattern);
    return true;
  });

test('types come from the content; the extension must agree', async () => {
  assert.deepEqual(await sniffUpload(PNG, 'anh.PNG'), { mime: 'image/png', ext: 'png' });
  assert.equal((await sniffUpload(JPEG, 'anh.jpeg')).mime, 'image/jpeg');
  assert.equal((await sniffUpload(PDF, 'cong-van.pdf')).mime, 'application/pdf');
  assert.equal((await sniffUpload(PNG, 'khong-duoi')).mime, 'image/png');
  await refused(PDF, 'anh.png', /named \.png but its content is application\/pdf/);
  await refused(PNG, 'tai-lieu.pdf', /named \.pdf but its content is image\/png/);
});

test('plain text is accepted; markup, binaries and empty files are not', async () => {
  assert.equal(
    (await sniffUpload(Buffer.from('Biên bản\nngày 1/7'), 'bien-ban.txt')).mime,
    'text/plain',
  );
  assert.equal((await sniffUpload(Buffer.from('a,b\n1,2\n'), 'so-lieu.csv')).mime, 'text/plain');
  await refused(Buffer.from('<!DOCTYPE html><p>x</p>'), 'trang.txt', /not accepted/);
  await refused(
    Buffer.from('  <svg xmlns="http://www.w3.org/2000/svg"/>'),
    'hinh.txt',
    /not accepted/,
  );
  await refused(
    Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]),
    'a.txt',
    /not accepted/,
  );
  await refused(
    Buffer.from('Xin chào'),
    'chuong-trinh.exe',
    /named \.exe but its content is text\/plain/,
  );
  await assert.rejects(sniffUpload(new Uint8Array(0), 'rong.txt'), /invalid fields/);
  // Latin-1 bytes that are not UTF-8 are not "plain text" we can show.
  await refused(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x00]), 'x.txt', /not accepted/);
});
