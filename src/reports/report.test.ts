import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { ValidationError } from '../core/errors.js';
import {
  DEFAULT_ORGANISATION,
  DEFAULT_REPORT_SCHEDULE,
  parseReportPeriod,
} from '../core/report.js';
import { reportRepository } from '../db/report.repo.js';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { readDocx, runPropertiesOf, tableWithHeader } from '../../test/docx-xml.js';
import { buildReportFixture, vn, type ReportFixture } from '../../test/report-fixture.js';
import { NO_DATA_SENTENCE, SECTION_HEADINGS, renderReportDocx } from './docx.js';
import {
  CHANNEL_LABELS,
  CLAIM_STATUS_LABELS,
  RATING_LABELS,
  formatCount,
  formatHours,
  formatShare,
} from './format.js';
import { findSoffice } from './pdf.js';
import { renderReportFile, type ReportSettings } from './report.service.js';

const settings: ReportSettings = {
  organisation: DEFAULT_ORGANISATION,
  schedule: DEFAULT_REPORT_SCHEDULE,
};
const MARCH = parseReportPeriod('2026-03-01', '2026-03-31');
const NOW = vn('2026-04-05T09:30:00');

for (const target of databaseTargets()) {
  describe(`activity report on ${target.kind}`, () => {
    let db: TestDatabase;
    let fixture: ReportFixture;

    before(async () => {
      db = await target.open();
      fixture = await buildReportFixture(db);
    });
    after(async () => {
      await db.close();
    });

    test('the queries give the fixture month its known figures', async () => {
      const report = await reportRepository(db.database.db).activityReport(MARCH, NOW);
      const byChannel = Object.fromEntries(
        report.intake.byChannel.map((r) => [r.channel, [r.newItems, r.sightings]]),
      );
      assert.deepEqual(byChannel, {
        feed: [1, 2],
        url: [0, 0],
        tip: [1, 2],
        staff: [0, 1],
        import: [0, 0],
        api: [0, 0],
      });
      assert.equal(report.intake.tipsReceived, 1);
      assert.deepEqual(report.items, {
        newItems: 2,
        sightings: 5,
        duplicates: 3,
        matched: 1,
        linkedToClaims: 2,
      });
      assert.equal(report.claims.created, 4);
      const states = Object.fromEntries(report.claims.byState.map((r) => [r.status, r.count]));
      assert.deepEqual(
        [states.new, states.researching, states.published, states.rejected, states.corrected],
        [1, 1, 1, 1, 0],
      );
      assert.equal(report.checks.published, 2);
      const verdicts = Object.fromEntries(report.checks.byVerdict.map((r) => [r.rating, r.count]));
      assert.deepEqual([verdicts.false, verdicts.misleading, verdicts.true], [1, 1, 0]);
      assert.deepEqual(report.checks.byCategory, [
        { category: fixture.categoryName, count: 1 },
        { category: null, count: 1 },
      ]);
      // First responses in March: 1 h (rejection), 2 h (triage), 4 h (assignment).
      const first = report.responseTimes.firstResponse;
      assert.deepEqual([first.count, first.withDeadline, first.withinDeadline], [3, 3, 3]);
      assert.equal(first.medianHours, 2);
      assert.ok(Math.abs(first.p90Hours! - 3.6) < 1e-9);
      // Publications in March: 9 h within the deadline, 216 h after it.
      const pub = report.responseTimes.publication;
      assert.deepEqual([pub.count, pub.withDeadline, pub.withinDeadline], [2, 2, 1]);
      assert.ok(Math.abs(pub.medianHours! - 112.5) < 1e-9);
      assert.ok(Math.abs(pub.p90Hours! - 195.3) < 1e-9);
      assert.equal(report.overdue.missed, 3);
      assert.equal(report.overdue.stillOpen, 2);
      assert.deepEqual(
        report.overdue.byPriority.map((r) => [r.priority, r.count]),
        [
          ['urgent', 0],
          ['high', 0],
          ['normal', 2],
          ['low', 1],
        ],
      );
      assert.deepEqual(
        report.topClaims.map((c) => [c.claimId, c.sightings, c.rating]),
        [
          [fixture.claimIds.published, 4, 'false'],
          [fixture.claimIds.researching, 1, null],
        ],
      );
      assert.deepEqual(
        report.sources.rows.map((s) => [s.name, s.state, s.sightings]),
        [
          [fixture.sourceNames.ok, 'ok', 2],
          [fixture.sourceNames.off, 'disabled', 0],
        ],
      );
      assert.equal(report.corrections.count, 1);
    });

    test('the .docx follows Decree 30 and shows exactly the queries’ figures', async () => {
      const queries = reportRepository(db.database.db);
      const report = await queries.activityReport(MARCH, NOW);
      const doc = await readDocx(await renderReportDocx(report, DEFAULT_ORGANISATION, NOW));

      // A4, margins top 20, right 15, bottom 20, left 30 mm.
      assert.match(doc.xml, /<w:pgSz w:w="11906" w:h="16838"/);
      assert.match(doc.xml, /<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
      // Times New Roman everywhere, 11–14 pt, body 14 pt.
      const fonts = new Set([...doc.xml.matchAll(/w:ascii="([^"]+)"/g)].map((m) => m[1]));
      assert.deepEqual([...fonts], ['Times New Roman']);
      const sizes = new Set([...doc.xml.matchAll(/<w:sz w:val="(\d+)"/g)].map((m) => m[1]));
      assert.ok(
        [...sizes].every((s) => ['22', '24', '26', '28'].includes(s!)),
        [...sizes].join(),
      );
      assert.match(doc.styles, /w:ascii="Times New Roman"/);
      assert.match(doc.styles, /<w:sz w:val="28"\/>/);

      // Header table: no borders; the issuing body bold, its parent regular; motto; date line.
      const [header] = doc.tables;
      assert.deepEqual(header, [
        [
          'ỦY BAN NHÂN DÂN TỈNH LAM GIANG\nSỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH\n\nSố:        /BC-SVHTTDL',
          'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nLam Giang, ngày 05 tháng 4 năm 2026',
        ],
      ]);
      const firstTable = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(doc.xml)![0];
      assert.match(firstTable, /<w:tblBorders>[\s\S]*w:val="none"/);
      assert.doesNotMatch(firstTable, /w:val="single" w:sz="4"/);
      assert.match(runPropertiesOf(doc.xml, 'SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH')!, /<w:b\/>/);
      assert.doesNotMatch(runPropertiesOf(doc.xml, 'ỦY BAN NHÂN DÂN TỈNH LAM GIANG')!, /<w:b\/>/);
      assert.match(runPropertiesOf(doc.xml, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')!, /<w:b\/>/);
      assert.match(runPropertiesOf(doc.xml, 'Độc lập - Tự do - Hạnh phúc')!, /<w:b\/>/);
      assert.match(runPropertiesOf(doc.xml, 'Lam Giang, ngày 05 tháng 4 năm 2026')!, /<w:i\/>/);

      // Title and subject, centred and bold; every section heading.
      assert.ok(doc.paragraphs.includes('BÁO CÁO'));
      assert.match(runPropertiesOf(doc.xml, 'BÁO CÁO')!, /<w:b\/>/);
      assert.ok(
        doc.paragraphs.includes(
          'Kết quả tiếp nhận, kiểm chứng và phản hồi thông tin sai sự thật\ntừ ngày 01/03/2026 đến ngày 31/03/2026',
        ),
      );
      for (const heading of SECTION_HEADINGS) assert.ok(doc.paragraphs.includes(heading), heading);
      assert.ok(!doc.paragraphs.includes(NO_DATA_SENTENCE));

      // Recipients and signature block.
      const closing = doc.tables[doc.tables.length - 1]!;
      assert.deepEqual(closing, [
        [
          'Nơi nhận:\n- UBND tỉnh (để báo cáo);\n- Giám đốc Sở (để báo cáo);\n- Các phòng, đơn vị thuộc Sở;\n- Lưu: VT, TTTT.',
          'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n\n\n\nNguyễn Thị Minh Thư',
        ],
      ]);
      const label = runPropertiesOf(doc.xml, 'Nơi nhận:')!;
      assert.match(label, /<w:b\/>/);
      assert.match(label, /<w:i\/>/);
      assert.match(runPropertiesOf(doc.xml, '- Lưu: VT, TTTT.')!, /<w:sz w:val="22"\/>/);
      assert.match(runPropertiesOf(doc.xml, 'KT. GIÁM ĐỐC')!, /<w:b\/>/);
      assert.match(runPropertiesOf(doc.xml, 'Nguyễn Thị Minh Thư')!, /<w:b\/>/);

      // Every figure equals the query functions' figure for the same period.
      const channels = await queries.intakeByChannel(MARCH);
      const intake = tableWithHeader(doc, [
        'TT',
        'Kênh tiếp nhận',
        'Tin, bài mới',
        'Lượt ghi nhận',
      ]);
      assert.deepEqual(intake, [
        ['TT', 'Kênh tiếp nhận', 'Tin, bài mới', 'Lượt ghi nhận'],
        ...channels.map((r, i) => [
          String(i + 1),
          CHANNEL_LABELS[r.channel],
          formatCount(r.newItems),
          formatCount(r.sightings),
        ]),
        ['', 'Tổng cộng', '2', '5'],
      ]);
      assert.ok(
        doc.paragraphs.includes(
          `Số tin báo của người dân qua cổng tiếp nhận: ${formatCount(await queries.tipsReceived(MARCH))}.`,
        ),
      );
      const items = await queries.itemsSummary(MARCH);
      assert.ok(
        doc.paragraphs.some((p) =>
          p.startsWith(
            `Trong kỳ có ${items.newItems} tin, bài mới và ${items.sightings} lượt ghi nhận; ${items.duplicates} lượt là tin đã có trước đó (trùng lặp). ${items.matched} tin, bài mới khớp với kết quả kiểm chứng đã công bố; ${items.linkedToClaims} tin, bài mới được gắn`,
          ),
        ),
      );
      const top = await queries.topClaims(MARCH);
      assert.deepEqual(
        tableWithHeader(doc, ['TT', 'Nhận định', 'Tình trạng', 'Kết luận', 'Lượt ghi nhận'])!.slice(
          1,
        ),
        top.map((c, i) => [
          String(i + 1),
          c.text,
          CLAIM_STATUS_LABELS[c.status],
          c.rating ? RATING_LABELS[c.rating] : '—',
          formatCount(c.sightings),
        ]),
      );
      const claims = await queries.claimsByState(MARCH);
      assert.deepEqual(
        tableWithHeader(doc, ['TT', 'Trạng thái hiện tại', 'Số nhận định'])!.slice(1),
        [
          ...claims.byState.map((r, i) => [
            String(i + 1),
            CLAIM_STATUS_LABELS[r.status],
            String(r.count),
          ]),
          ['', 'Tổng cộng', String(claims.created)],
        ],
      );
      const checks = await queries.checksPublished(MARCH);
      assert.deepEqual(tableWithHeader(doc, ['TT', 'Kết luận', 'Số kết quả'])!.slice(1), [
        ...checks.byVerdict.map((r, i) => [
          String(i + 1),
          RATING_LABELS[r.rating],
          String(r.count),
        ]),
        ['', 'Tổng cộng', String(checks.published)],
      ]);
      assert.deepEqual(
        tableWithHeader(doc, ['TT', 'Chuyên mục', 'Số kết quả'])!.slice(1),
        checks.byCategory.map((r, i) => [
          String(i + 1),
          r.category ?? 'Chưa phân chuyên mục',
          String(r.count),
        ]),
      );
      const times = await queries.responseTimes(MARCH);
      assert.deepEqual(
        tableWithHeader(doc, [
          'Chỉ tiêu',
          'Số nhận định',
          'Trung vị',
          'Phân vị 90',
          'Trong thời hạn',
        ])!.slice(1),
        [
          [
            'Phản hồi lần đầu',
            '3',
            formatHours(times.firstResponse.medianHours),
            formatHours(times.firstResponse.p90Hours),
            `3/3 (${formatShare(1)})`,
          ],
          [
            'Công bố kết quả',
            '2',
            formatHours(times.publication.medianHours),
            formatHours(times.publication.p90Hours),
            `1/2 (${formatShare(0.5)})`,
          ],
        ],
      );
      // Vietnamese number format: a decimal comma.
      assert.equal(formatHours(times.publication.medianHours), '112,5 giờ');
      assert.equal(formatHours(times.firstResponse.p90Hours), '3,6 giờ');
      assert.equal(formatShare(0.5), '50%');
      const overdue = await queries.overdue(MARCH, NOW);
      assert.ok(
        doc.paragraphs.includes(
          `Trong kỳ có ${overdue.missed} nhận định đến hạn mà chưa công bố kết quả, trong đó ${overdue.stillOpen} nhận định đến nay vẫn chưa xử lý xong.`,
        ),
      );
      assert.deepEqual(
        tableWithHeader(doc, ['TT', 'Mức ưu tiên', 'Số nhận định quá hạn'])!
          .slice(1)
          .map((r) => r[2]),
        overdue.byPriority.map((r) => String(r.count)),
      );
      const sources = await queries.sourcesHealth(MARCH);
      assert.deepEqual(
        tableWithHeader(doc, ['TT', 'Nguồn', 'Loại', 'Tình trạng', 'Lượt ghi nhận trong kỳ'])!
          .slice(1)
          .map((r) => [r[1], r[3], r[4]]),
        sources.rows.map((s) => [
          s.name,
          s.state === 'ok' ? 'Hoạt động bình thường' : 'Đã tắt',
          String(s.sightings),
        ]),
      );
      const corrections = await queries.corrections(MARCH);
      assert.deepEqual(
        tableWithHeader(doc, ['TT', 'Ngày', 'Kết quả kiểm chứng', 'Nội dung đính chính'])!.slice(1),
        corrections.rows.map((r, i) => [String(i + 1), '20/03/2026', r.checkTitle, r.reason]),
      );
    });

    test('a period without data gives a valid report that says so', async () => {
      const empty = parseReportPeriod('2025-01-01', '2025-01-31');
      const file = await renderReportFile(
        db.database.db,
        settings,
        { from: '2025-01-01', to: '2025-01-31', format: 'docx' },
        NOW,
      );
      assert.equal(file.filename, 'bao-cao-2025-01-01-den-2025-01-31.docx');
      const doc = await readDocx(file.bytes);
      assert.ok(doc.paragraphs.includes(NO_DATA_SENTENCE));
      for (const heading of SECTION_HEADINGS) assert.ok(doc.paragraphs.includes(heading), heading);
      assert.ok(doc.paragraphs.includes('Trong kỳ không có nhận định mới.'));
      assert.ok(doc.paragraphs.includes('Trong kỳ không công bố kết quả kiểm chứng nào.'));
      assert.ok(doc.paragraphs.includes('Trong kỳ không có nhận định nào quá thời hạn trả lời.'));
      // Only the header, the sources (which exist regardless of the period) and the closing.
      assert.equal(doc.tables.length, 3);
      const report = await reportRepository(db.database.db).activityReport(empty, NOW);
      assert.equal(report.items.sightings, 0);
    });

    test('an invalid period is a clear validation error, and nothing is rendered', async () => {
      const cases: Array<[string, string, RegExp]> = [
        ['2026-03-31', '2026-03-01', /starts \(2026-03-31\) after it ends \(2026-03-01\)/],
        ['2026-02-30', '2026-03-01', /2026-02-30 is not a day of the calendar/],
        ['hôm qua', '2026-03-01', /"hôm qua" is not a date; write it as YYYY-MM-DD/],
        ['2020-01-01', '2026-01-01', /spans 2193 days; a report covers at most 366/],
      ];
      for (const [from, to, message] of cases) {
        await assert.rejects(
          renderReportFile(db.database.db, settings, { from, to, format: 'docx' }, NOW),
          (error: unknown) => {
            assert.ok(error instanceof ValidationError);
            assert.match(error.problems.map((p) => p.message).join('; '), message);
            return true;
          },
        );
      }
    });

    test('XLSX and CSV exports round-trip with Vietnamese intact and formulas neutralised', async () => {
      const xlsx = await renderReportFile(
        db.database.db,
        settings,
        { from: '2026-03-01', to: '2026-03-31', format: 'xlsx' },
        NOW,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      assert.deepEqual(
        workbook.worksheets.map((w) => w.name),
        ['Nhận định', 'Kết quả kiểm chứng', 'Tin, bài'],
      );
      const claimsSheet = workbook.getWorksheet('Nhận định')!;
      assert.equal(claimsSheet.getCell('C1').value, 'Nhận định');
      const texts = claimsSheet.getColumn(3).values.slice(2) as string[];
      assert.equal(texts.length, 4);
      assert.ok(texts.includes(fixture.formulaClaimText));
      const formulaRow = texts.indexOf(fixture.formulaClaimText) + 2;
      const formulaCell = claimsSheet.getCell(formulaRow, 3);
      assert.equal(formulaCell.type, ExcelJS.ValueType.String);
      assert.equal(formulaCell.numFmt, '@');
      assert.equal(claimsSheet.getCell(formulaRow, 4).value, 'Mới tiếp nhận');
      let formulas = 0;
      workbook.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            if (cell.type === ExcelJS.ValueType.Formula) formulas += 1;
          }),
        ),
      );
      assert.equal(formulas, 0);
      const itemsSheet = workbook.getWorksheet('Tin, bài')!;
      assert.ok((itemsSheet.getColumn(4).values as unknown[]).includes(fixture.formulaItemTitle));

      const filtered = await renderReportFile(
        db.database.db,
        settings,
        {
          from: '2026-03-01',
          to: '2026-03-31',
          format: 'xlsx',
          what: 'claims',
          filter: { status: 'new' },
        },
        NOW,
      );
      const one = new ExcelJS.Workbook();
      await one.xlsx.load(filtered.bytes as unknown as ArrayBuffer);
      assert.equal(one.worksheets.length, 1);
      assert.equal(one.worksheets[0]!.rowCount, 2);

      const csv = await renderReportFile(
        db.database.db,
        settings,
        { from: '2026-03-01', to: '2026-03-31', format: 'csv', what: 'claims' },
        NOW,
      );
      assert.equal(csv.contentType, 'text/csv; charset=utf-8');
      assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const rows = parse<Record<string, string>>(csv.bytes, { bom: true, columns: true });
      assert.equal(rows.length, 4);
      const texts2 = rows.map((r) => r['Nhận định']);
      assert.ok(texts2.includes(`'${fixture.formulaClaimText}`));
      assert.ok(rows.every((r) => Object.values(r).every((v) => !/^[=+\-@\t\r]/.test(v))));
      assert.ok(texts2.some((t) => t!.startsWith('Nước máy ở phường Thành Lam nhiễm độc')));
      const items = await renderReportFile(
        db.database.db,
        settings,
        {
          from: '2026-03-01',
          to: '2026-03-31',
          format: 'csv',
          what: 'items',
          filter: { channel: 'feed' },
        },
        NOW,
      );
      const itemRows = parse<Record<string, string>>(items.bytes, { bom: true, columns: true });
      assert.deepEqual(
        itemRows.map((r) => [r['Kênh'], r['Tiêu đề'], r['Lượt ghi nhận']]),
        [['Nguồn tin theo dõi', `'${fixture.formulaItemTitle}`, '3']],
      );

      await assert.rejects(
        renderReportFile(
          db.database.db,
          settings,
          { from: '2026-03-01', to: '2026-03-31', format: 'csv' },
          NOW,
        ),
        (error: unknown) => {
          assert.ok(error instanceof ValidationError);
          assert.match(error.problems[0]!.message, /a CSV file holds one table/);
          return true;
        },
      );
      await assert.rejects(
        renderReportFile(
          db.database.db,
          settings,
          {
            from: '2026-03-01',
            to: '2026-03-31',
            format: 'csv',
            what: 'checks',
            filter: { channel: 'feed', status: 'nope' },
          },
          NOW,
        ),
        (error: unknown) => {
          assert.ok(error instanceof ValidationError);
          assert.deepEqual(error.problems.map((p) => p.field).sort(), ['channel', 'status']);
          return true;
        },
      );
    });

    if (target.kind === 'pglite') {
      test('the PDF made by LibreOffice has the expected pages and text', async (t) => {
        if (!(await findSoffice())) {
          t.skip('LibreOffice (soffice) is not installed: apt-get install libreoffice-writer');
          return;
        }
        let poppler = true;
        try {
          execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
        } catch {
          poppler = false;
        }
        if (!poppler) {
          t.skip('pdftotext is not installed: apt-get install poppler-utils');
          return;
        }
        const pdf = await renderReportFile(
          db.database.db,
          settings,
          { from: '2026-03-01', to: '2026-03-31', format: 'pdf' },
          NOW,
        );
        assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
        const dir = mkdtempSync(join(tmpdir(), 'kiemchung-pdf-test-'));
        const file = join(dir, 'bao-cao.pdf');
        writeFileSync(file, pdf.bytes);
        const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
        const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
        assert.equal(pages, EXPECTED_PDF_PAGES);
        assert.match(info, /Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
        const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', file, '-'], {
          encoding: 'utf8',
        });
        assert.match(first, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
        assert.match(first, /BÁO CÁO/);
        assert.match(first, /I\. TÌNH HÌNH TIẾP NHẬN THÔNG TIN/);
        const last = execFileSync(
          'pdftotext',
          ['-f', String(pages), '-l', String(pages), file, '-'],
          {
            encoding: 'utf8',
          },
        );
        assert.match(last, /Nguyễn Thị Minh Thư/);
        assert.match(last, /Nơi nhận:/);
        // Page 1 as a picture for the README.
        const docs = join(process.cwd(), 'docs');
        mkdirSync(docs, { recursive: true });
        execFileSync('pdftoppm', [
          '-png',
          '-r',
          '90',
          '-f',
          '1',
          '-l',
          '1',
          '-singlefile',
          file,
          join(docs, 'report-page-1'),
        ]);
        assert.equal(
          readFileSync(join(docs, 'report-page-1.png')).subarray(1, 4).toString('latin1'),
          'PNG',
        );
        rmSync(dir, { recursive: true, force: true });
      });
    }
  });
}

/** Pages of the fixture month's report as LibreOffice lays it out. */
const EXPECTED_PDF_PAGES = 4;
