import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { databaseTargets } from '../../test/db.js';
import { readDocx, tableWithHeader } from '../../test/docx-xml.js';
import { buildReportFixture } from '../../test/report-fixture.js';
import { NO_DATA_SENTENCE } from '../reports/docx.js';
import { runCli as run } from '../../test/cli.js';

describe('kiemchung report', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kc-report-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('on the embedded database: a document, an export, and clear errors', async () => {
    const env = { DATA_DIR: join(dir, 'data') };
    const out = join(dir, 'bao-cao.docx');
    const made = await run(
      ['report', '--from', '2026-01-01', '--to', '2026-01-31', '--out', out],
      env,
    );
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /bao-cao\.docx \(\d+ bytes\)/);
    const doc = await readDocx(readFileSync(out));
    assert.ok(doc.paragraphs.includes(NO_DATA_SENTENCE));

    const csv = join(dir, 'nhan-dinh.csv');
    const exported = await run(
      [
        'report',
        '--from',
        '2026-01-01',
        '--to',
        '2026-01-31',
        '--format',
        'csv',
        '--what',
        'claims',
        '--out',
        csv,
      ],
      env,
    );
    assert.equal(exported.code, 0, exported.stderr);
    assert.equal(
      readFileSync(csv, 'utf8'),
      '\uFEFFMã,Ngày tạo,Nhận định,Trạng thái,Mức ưu tiên,Hạn trả lời,Phản hồi lần đầu,Chuyên mục,Lượt ghi nhận,Kết luận\r\n',
    );

    const backwards = await run(
      ['report', '--from', '2026-02-01', '--to', '2026-01-01', '--out', join(dir, 'x.docx')],
      env,
    );
    assert.equal(backwards.code, 1);
    assert.match(
      backwards.stderr,
      /--from: the period starts \(2026-02-01\) after it ends \(2026-01-01\)/,
    );
    // Nothing half-written is left behind by the failures.
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.startsWith('x.')),
      [],
    );
  });

  for (const target of databaseTargets().filter((t) => t.kind === 'postgres')) {
    test('on PostgreSQL: the fixture month’s figures', async () => {
      const db = await target.open();
      try {
        await buildReportFixture(db);
        const out = join(dir, 'pg.docx');
        const made = await run(
          ['report', '--from', '2026-03-01', '--to', '2026-03-31', '--out', out],
          {
            DATABASE_URL: db.url!,
          },
        );
        assert.equal(made.code, 0, made.stderr);
        assert.ok(existsSync(out));
        const doc = await readDocx(readFileSync(out));
        const intake = tableWithHeader(doc, [
          'TT',
          'Kênh tiếp nhận',
          'Tin, bài mới',
          'Lượt ghi nhận',
        ]);
        assert.deepEqual(intake?.at(-1), ['', 'Tổng cộng', '2', '5']);
      } finally {
        await db.close();
      }
    });
  }
});
