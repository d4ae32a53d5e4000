import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  formatImportReport,
  parseImport,
  parsePublishedAt,
  readImportFile,
  rowsToStore,
  type ImportProblem,
  type ImportResult,
} from './import-reader.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const csv = (text: string, options: Parameters<typeof parseImport>[1] = {}) =>
  parseImport(Buffer.from(text, 'utf8'), { format: 'csv', ...options });
const jsonl = (text: string, options: Parameters<typeof parseImport>[1] = {}) =>
  parseImport(Buffer.from(text, 'utf8'), { format: 'jsonl', ...options });

/** Errors as compact `line:field` strings, in order. */
function errorKeys(result: ImportResult): string[] {
  return result.errors.map((e) => `${e.line ?? '-'}:${e.field ?? ''}`);
}

function fileErrors(result: ImportResult): ImportProblem[] {
  return result.errors.filter((e) => e.scope === 'file');
}

describe('good files', () => {
  test('good.csv: every field, quoted commas and quotes, a multi-line field, defaults', async () => {
    const result = await readImportFile(fixture('good.csv'));
    assert.equal(result.format, 'csv');
    assert.equal(result.encoding, 'utf-8');
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings, []);
    assert.equal(result.rowsRead, 4);
    assert.deepEqual(result.rows, [
      {
        line: 2,
        input: {
          url: 'https://vnexpress.net/tin-don-bao-so-15-4812345.html',
          title: 'Tin đồn bão số 15 đổ bộ Hà Nội',
          text: 'Nhiều tài khoản chia sẻ rằng bão số 15 sẽ đổ bộ vào Hà Nội, "gây ngập toàn thành phố".',
          publishedAt: new Date('2026-11-21T07:30:00Z'),
          language: 'vi',
        },
      },
      {
        line: 3,
        input: {
          url: 'https://example.com/claims/5g',
          title: '5G towers claim',
          text: 'Posts say 5G towers spread the virus.\nThey were shared 2,000 times.',
          publishedAt: new Date('2026-11-21T01:15:00Z'),
          language: 'en',
        },
      },
      {
        line: 5,
        input: {
          title: '',
          text: 'Chỉ có nội dung mà không có đường dẫn: uống nước chanh nóng chữa được ung thư.',
          publishedAt: new Date('2026-11-20T17:00:00Z'),
          language: 'vi',
        },
      },
      {
        line: 6,
        input: {
          url: 'https://baochinhphu.vn/bai-viet-102261121.htm',
          title: '',
          text: '',
          language: 'vi',
        },
      },
    ]);
    assert.equal(rowsToStore(result, false).length, 4);
  });

  test('good.jsonl: blank lines skipped, null fields absent, language code lower-cased', async () => {
    const result = await readImportFile(fixture('good.jsonl'));
    assert.equal(result.format, 'jsonl');
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.rows.map((r) => r.line),
      [1, 3, 4],
    );
    assert.deepEqual(result.rows[0]!.input.publishedAt, new Date('2026-11-21T15:00:00Z'));
    assert.equal(
      result.rows[1]!.input.text,
      'Ảnh chụp màn hình tin nhắn "trúng thưởng" đang lan truyền trên Zalo.',
    );
    assert.deepEqual(result.rows[1]!.input.publishedAt, new Date('2026-11-21T07:30:00Z'));
    assert.deepEqual(result.rows[2]!.input, {
      url: 'https://example.org/post/42',
      title: '',
      text: '',
      language: 'en',
    });
  });

  test('Vietnamese headers, BOM, semicolons and CRLF as Excel writes them', async () => {
    const result = await readImportFile(fixture('vietnamese-headers.csv'));
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.rows, [
      {
        line: 2,
        input: {
          url: 'https://thanhnien.vn/mat-dien-dien-rong-185261121.htm',
          title: 'Mất điện diện rộng ở TP.HCM',
          text: 'Tin nhắn nói sẽ mất điện toàn thành phố 3 ngày; EVN chưa xác nhận.',
          publishedAt: new Date('2026-11-21T07:30:00Z'),
          language: 'vi',
        },
      },
      {
        line: 3,
        input: {
          title: '',
          text: 'Nghe nói trường học nghỉ đến hết tháng.',
          publishedAt: new Date('2026-11-20T17:00:00Z'),
          language: 'vi',
        },
      },
    ]);
  });

  test('formula-like cells are content, kept exactly as text', async () => {
    const result = await readImportFile(fixture('formula-cells.csv'));
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.rows.map((r) => [r.input.title, r.input.text]),
      [
        ['=HYPERLINK("http://evil.example/","Bấm vào đây")', '=1+2'],
        ['+84 912 345 678', '-10% giá điện từ tháng sau'],
        ['@admin', "=cmd|' /C calc'!A0"],
      ],
    );
  });

  test('tab-separated files and header names in other spellings', () => {
    const result = csv(
      'LINK\tTiêu_Đề\tContent\tPublishedAt\tNgon ngu\nhttps://a.vn/x\tT\tN\t2026-11-21\tvi\n',
    );
    assert.deepEqual(result.errors, []);
    assert.equal(result.rows[0]!.input.url, 'https://a.vn/x');
    assert.equal(result.rows[0]!.input.title, 'T');
    assert.equal(result.rows[0]!.input.text, 'N');
  });
});

describe('bad rows', () => {
  test('bad-rows.csv: each kind reported on its line; reading recovers after malformed CSV', async () => {
    const result = await readImportFile(fixture('bad-rows.csv'));
    assert.deepEqual(errorKeys(result), [
      '3:', // neither url nor text
      '4:url', // ftp
      '5:url', // relative
      '6:published_at',
      '7:language',
      '8:', // too few fields
      '9:', // extra field with a value
      '10:', // quote inside an unquoted field
      '12:', // text after a closing quote
      '16:', // quote never closed
    ]);
    assert.ok(result.errors.every((e) => e.scope === 'row'));
    assert.match(result.errors[7]!.message, /malformed CSV/);
    assert.match(result.errors[9]!.message, /never closed/);
    assert.deepEqual(
      result.rows.map((r) => r.line),
      [2, 11, 13, 15, 17],
    );
    assert.equal(result.rows[2]!.input.text, 'Dòng tốt 3\nnhiều dòng');
    assert.equal(result.rowsRead, 15);
    assert.equal(result.rowsRejected, 10);
    // The CLI's rule: nothing without --skip-bad, the good rows with it.
    assert.deepEqual(rowsToStore(result, false), []);
    assert.deepEqual(rowsToStore(result, true), result.rows);
  });

  test('bad-rows.jsonl: malformed JSON, non-objects, wrong types, missing content, bad dates, repeats', async () => {
    const result = await readImportFile(fixture('bad-rows.jsonl'));
    assert.deepEqual(errorKeys(result), ['2:', '3:', '4:title', '5:', '6:published_at', '8:url']);
    assert.match(result.errors[0]!.message, /^invalid JSON/);
    assert.deepEqual(
      result.rows.map((r) => r.line),
      [1, 7],
    );
    assert.equal(result.rowsRejected, 6);
  });

  test('field length limits count characters, not UTF-16 units', () => {
    const emoji = '😀';
    const row = (title: string, text: string, url = '') =>
      jsonl(JSON.stringify({ url: url || undefined, title, text }));
    assert.deepEqual(row(emoji.repeat(1000), 'x').errors, []);
    assert.deepEqual(errorKeys(row(emoji.repeat(1001), 'x')), ['1:title']);
    assert.deepEqual(row('t', 'ă'.repeat(100_000)).errors, []);
    assert.deepEqual(errorKeys(row('t', 'ă'.repeat(100_001))), ['1:text']);
    const url = (n: number) => `https://example.vn/${'a'.repeat(n - 19)}`;
    assert.equal(url(2048).length, 2048);
    assert.deepEqual(row('t', '', url(2048)).errors, []);
    assert.deepEqual(errorKeys(row('t', '', url(2049))), ['1:url']);
  });

  test('a value under a column without a header is an error; empty such columns are fine', () => {
    const result = csv('url,,text\nhttps://a.vn/1,,x\nhttps://a.vn/2,lost,y\n');
    assert.deepEqual(errorKeys(result), ['3:']);
    assert.equal(result.rows.length, 1);
  });

  test('several problems in one row are all reported', () => {
    const result = csv('url,title,published_at,language\nmailto:a@b.vn,t,hôm qua,??\n');
    assert.deepEqual(errorKeys(result), ['2:url', '2:published_at', '2:language']);
    assert.equal(result.rowsRejected, 1);
  });
});

describe('file errors', () => {
  test('unknown columns are listed and nothing is importable, even with --skip-bad', async () => {
    const result = await readImportFile(fixture('unknown-columns.csv'));
    const errors = fileErrors(result);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /"Tác giả", "author_handle"/);
    assert.deepEqual(result.rows, []);
    assert.deepEqual(rowsToStore(result, true), []);
  });

  test('unknown JSON keys are listed with the first line they appear on', () => {
    const result = jsonl(
      '{"text":"a"}\n{"text":"b","author":"x"}\n{"text":"c","author":"y","views":3}\n',
    );
    const errors = fileErrors(result);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /"author" \(line 2\), "views" \(line 3\)/);
    assert.deepEqual(result.rows, []);
  });

  test('two columns for one field, or no url/text column', () => {
    assert.match(
      fileErrors(csv('url,link\nhttps://a.vn,https://b.vn\n'))[0]!.message,
      /both mean url/,
    );
    assert.match(fileErrors(csv('title\nx\n'))[0]!.message, /needs a url or a text column/);
  });

  test('empty files and header-only files', () => {
    assert.match(fileErrors(csv(''))[0]!.message, /empty/);
    assert.match(fileErrors(csv('\n\n'))[0]!.message, /empty/);
    assert.match(fileErrors(csv('url,text\n'))[0]!.message, /no data rows/);
    assert.match(fileErrors(jsonl('\n'))[0]!.message, /empty/);
  });

  test('a malformed header row', () => {
    const result = csv('url,"text\nhttps://a.vn,x\n');
    assert.equal(fileErrors(result).length, 1);
    assert.match(fileErrors(result)[0]!.message, /header row/);
  });

  test('more rows than maxRows', () => {
    const result = csv('text\na\nb\nc\n', { maxRows: 2 });
    assert.deepEqual(errorKeys(result), ['4:']);
    assert.match(result.errors[0]!.message, /more than 2 rows/);
    assert.equal(result.rowsRead, 2);
    assert.deepEqual(result.rows, []);
    assert.equal(csv('text\na\nb\n', { maxRows: 2 }).rows.length, 2);
    assert.match(
      fileErrors(jsonl('{"text":"a"}\n{"text":"b"}\n', { maxRows: 1 }))[0]!.message,
      /more than 1 rows/,
    );
  });

  test('stops after maxErrors rows with errors', () => {
    const result = csv(`text\n${',x\n'.repeat(50)}`, { maxErrors: 5 });
    assert.equal(result.errors.filter((e) => e.scope === 'row').length, 5);
    assert.match(fileErrors(result)[0]!.message, /stopped after 5 rows with errors/);
  });

  test('larger than maxBytes: refused before reading', async () => {
    const inMemory = csv('text\nabc\n', { maxBytes: 5 });
    assert.match(fileErrors(inMemory)[0]!.message, /larger than 5 bytes/);
    const fromDisk = await readImportFile(fixture('good.csv'), { maxBytes: 100 });
    assert.match(fileErrors(fromDisk)[0]!.message, /larger than 100 bytes/);
    assert.deepEqual(fromDisk.rows, []);
  });
});

describe('encodings', () => {
  test('windows-1258 is detected, decoded and warned about', async () => {
    const result = await readImportFile(fixture('windows-1258.csv'));
    assert.equal(result.encoding, 'cp1258');
    assert.deepEqual(result.errors, []);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0]!.message, /not UTF-8.*CP1258/);
    assert.equal(result.rows[0]!.input.title, 'Cảnh báo lũ quét ở miền Trung');
    assert.equal(
      result.rows[1]!.input.text,
      'Nghe nói giá vàng sẽ tăng gấp đôi vào tuần sau, mọi người nên mua ngay.',
    );
  });

  test('encoding utf-8 refuses a file that is not UTF-8', async () => {
    const result = await readImportFile(fixture('windows-1258.csv'), { encoding: 'utf-8' });
    assert.match(fileErrors(result)[0]!.message, /not valid UTF-8/);
    assert.deepEqual(result.rows, []);
  });

  test('UTF-16 with BOM (Excel "Unicode text") and decomposed (NFD) UTF-8', () => {
    const text = 'text\nTiếng Việt có dấu\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const result = parseImport(le, { format: 'csv' });
    assert.equal(result.encoding, 'utf-16le');
    assert.equal(result.rows[0]!.input.text, 'Tiếng Việt có dấu');
    const nfd = csv(text.normalize('NFD'));
    assert.equal(nfd.rows[0]!.input.text, 'Tiếng Việt có dấu'.normalize('NFC'));
  });

  test('a UTF-8 BOM before a JSON line is not an error', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"text":"a"}\n')]);
    assert.deepEqual(parseImport(bytes, { format: 'jsonl' }).errors, []);
  });
});

describe('format', () => {
  test('from the extension, or explicit; unknown is a usage error', () => {
    assert.equal(
      parseImport(Buffer.from('{"text":"a"}'), { fileName: 'x.ndjson' }).format,
      'jsonl',
    );
    assert.equal(parseImport(Buffer.from('text\na'), { fileName: 'x.TSV' }).format, 'csv');
    assert.equal(
      parseImport(Buffer.from('{"text":"a"}'), { fileName: 'x.csv', format: 'jsonl' }).rows.length,
      1,
    );
    assert.throws(
      () => parseImport(Buffer.from('x'), { fileName: 'x.xlsx' }),
      /name it \.csv or \.jsonl/,
    );
  });
});

describe('parsePublishedAt', () => {
  const cases: [string, string | null][] = [
    ['2026-11-21', '2026-11-20T17:00:00.000Z'],
    ['2026-11-21T14:30', '2026-11-21T07:30:00.000Z'],
    ['2026-11-21 14:30:15', '2026-11-21T07:30:15.000Z'],
    ['2026-11-21T14:30:15.250Z', '2026-11-21T14:30:15.250Z'],
    ['2026-11-21T14:30:00+07:00', '2026-11-21T07:30:00.000Z'],
    ['2026-11-21T14:30:00-0500', '2026-11-21T19:30:00.000Z'],
    ['21/11/2026', '2026-11-20T17:00:00.000Z'],
    ['1/2/2026', '2026-01-31T17:00:00.000Z'],
    ['21/11/2026 14:30', '2026-11-21T07:30:00.000Z'],
    ['21/11/2026 14:30:45', '2026-11-21T07:30:45.000Z'],
    ['21-11-2026 14h30', '2026-11-21T07:30:00.000Z'],
    ['21.11.2026, lúc 9g05', '2026-11-21T02:05:00.000Z'],
    ['14:30 21/11/2026', '2026-11-21T07:30:00.000Z'],
    ['14:30, ngày 21/11/2026', '2026-11-21T07:30:00.000Z'],
    ['Thứ bảy, 21/11/2026 14:30 (GMT+7)', '2026-11-21T07:30:00.000Z'],
    ['Chủ nhật, 22/11/2026', '2026-11-21T17:00:00.000Z'],
    ['21/11/2026 14:30 GMT+0', '2026-11-21T14:30:00.000Z'],
    ['29/02/2028', '2028-02-28T17:00:00.000Z'],
    ['29/02/2026', null],
    ['31/04/2026', null],
    ['32/01/2026', null],
    ['21/13/2026', null],
    ['21/11/2026 24:00', null],
    ['21/11/2026 14:60', null],
    ['2026-02-30', null],
    ['2026-11-21T14:30+15:00', null],
    ['11/21/26', null],
    ['hôm qua', null],
    ['1732170000', null],
    ['', null],
  ];
  for (const [input, expected] of cases) {
    test(input || '(empty)', () => {
      assert.equal(parsePublishedAt(input)?.toISOString() ?? null, expected);
    });
  }

  test('the offset for times without a zone is an option', () => {
    assert.equal(
      parsePublishedAt('21/11/2026 14:30', 0)?.toISOString(),
      '2026-11-21T14:30:00.000Z',
    );
    assert.equal(
      parsePublishedAt('2026-11-21T14:30Z', 420)?.toISOString(),
      '2026-11-21T14:30:00.000Z',
    );
  });
});

describe('formatImportReport', () => {
  test('summary, then warnings and errors by line', async () => {
    const report = formatImportReport(
      await readImportFile(fixture('bad-rows.csv')),
      'bad-rows.csv',
    );
    const lines = report.trimEnd().split('\n');
    assert.equal(lines[0], 'bad-rows.csv: CSV, UTF-8, 15 rows read, 5 valid, 10 with errors.');
    assert.equal(lines[1], 'Errors:');
    assert.equal(lines[2], '  line 3: a row needs a url or a text');
    assert.equal(lines[3], '  line 4, url: must be an absolute http(s) URL');
    assert.equal(lines.length, 12);
  });

  test('file errors and warnings are marked', async () => {
    const unknown = formatImportReport(await readImportFile(fixture('unknown-columns.csv')));
    assert.match(unknown, /^Import: CSV, UTF-8, 0 rows read/);
    assert.match(unknown, /The file cannot be imported:/);
    const legacy = formatImportReport(await readImportFile(fixture('windows-1258.csv')));
    assert.match(legacy, /No errors\.\nWarnings:\n {2}file: the file is not UTF-8/);
  });
});

describe('size', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kc-import-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('20,000 rows read in well under a few seconds', async () => {
    const path = join(dir, 'many.csv');
    const lines = ['url,title,text,published_at'];
    for (let i = 0; i < 20_000; i++) {
      lines.push(`https://example.vn/bai-${i},Tiêu đề ${i},"Nội dung, số ${i}",21/11/2026 14:30`);
    }
    writeFileSync(path, lines.join('\n'));
    const started = performance.now();
    const result = await readImportFile(path);
    const elapsed = performance.now() - started;
    assert.equal(result.rows.length, 20_000);
    assert.equal(result.rows[19_999]!.line, 20_001);
    assert.ok(elapsed < 3000, `took ${elapsed.toFixed(0)} ms`);
  });
});
