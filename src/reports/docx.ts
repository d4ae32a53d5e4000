/**
 * The activity report as a Word document in the format of Vietnamese administrative documents
 * (Decree 30/2020/NĐ-CP, appendix I): A4, margins top 20, bottom 20, left 30, right 15 mm,
 * Times New Roman 14 pt, the header table (issuing body | national motto), number and symbol,
 * place and date, the title and subject, numbered sections, "Nơi nhận" and the signature block.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import {
  isEmptyReport,
  withinDeadlineShare,
  type ActivityReport,
  type DelayStats,
  type OrganisationSettings,
} from '../core/report.js';
import { PRIORITY_DEADLINE_HOURS } from '../core/workflow.js';
import {
  CHANNEL_LABELS,
  CLAIM_STATUS_LABELS,
  PRIORITY_LABELS,
  RATING_LABELS,
  SOURCE_KIND_LABELS,
  SOURCE_STATE_LABELS,
  formatCount,
  formatDate,
  formatDateTime,
  formatDay,
  formatHours,
  formatShare,
  placeAndDate,
  upper,
} from './format.js';

/** Page geometry in twips (1 mm = 1440 / 25.4 twips). */
export const PAGE = Object.freeze({
  width: 11906,
  height: 16838,
  marginTop: 1134,
  marginBottom: 1134,
  marginLeft: 1701,
  marginRight: 850,
});
export const FONT = 'Times New Roman';
/** Sizes in half-points, as Word stores them. */
export const SIZE = Object.freeze({
  body: 28,
  header: 26,
  /** The bodies' names and the national name: 12–13 pt by the decree; 12 keeps each on a line. */
  motto: 24,
  table: 26,
  recipientsLabel: 24,
  recipients: 22,
});

const TEXT_WIDTH = PAGE.width - PAGE.marginLeft - PAGE.marginRight;
/** Longest lists written out in full; the rest are summarised in a sentence. */
const MAX_SOURCE_ROWS = 20;

/** Section headings, in order (the test checks each is in the document). */
export const SECTION_HEADINGS = [
  'I. TÌNH HÌNH TIẾP NHẬN THÔNG TIN',
  'II. KẾT QUẢ XỬ LÝ, KIỂM CHỨNG',
  'III. THỜI GIAN PHẢN HỒI VÀ CÔNG VIỆC QUÁ HẠN',
  'IV. TÌNH TRẠNG CÁC NGUỒN THEO DÕI',
  'V. GHI CHÚ VỀ SỐ LIỆU',
] as const;

/** The sentence an empty period's report opens with. */
export const NO_DATA_SENTENCE = 'Trong kỳ báo cáo không phát sinh dữ liệu trên hệ thống.';

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

const run = (text: string, style: RunStyle = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: style.size ?? SIZE.body,
    bold: style.bold ?? false,
    italics: style.italics ?? false,
  });

function centred(text: string | string[], style: RunStyle = {}, after = 0): Paragraph {
  const lines = Array.isArray(text) ? text : [text];
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after },
    children: lines.map(
      (line, index) =>
        new TextRun({
          text: line,
          font: FONT,
          size: style.size ?? SIZE.body,
          bold: style.bold ?? false,
          italics: style.italics ?? false,
          ...(index > 0 ? { break: 1 } : {}),
        }),
    ),
  });
}

/** A short centred rule under a heading line (the decree's "đường kẻ ngang, nét liền"). */
function rule(cellWidth: number, lineWidth: number): Paragraph {
  const indent = Math.max(0, Math.round((cellWidth - lineWidth) / 2));
  return new Paragraph({
    // An empty line 6 pt high whose bottom border is the rule: clear of the text above it.
    spacing: { before: 0, after: 80, line: 120, lineRule: LineRuleType.EXACT },
    indent: { left: indent, right: indent },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

/** Body text: justified, first line indented 1 cm, 6 pt after. */
function body(text: string, style: RunStyle = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 567 },
    spacing: { before: 0, after: 120, line: 300 },
    children: [run(text, style)],
  });
}

function heading(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 567 },
    spacing: { before: 120, after: 120 },
    keepNext: true,
    children: [run(text, { bold: true })],
  });
}

const noBorders = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

function layoutTable(columns: number[], cells: Paragraph[][]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: columns,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: cells.map(
          (children, index) =>
            new TableCell({
              width: { size: columns[index]!, type: WidthType.DXA },
              borders: noBorders,
              margins: { left: 0, right: 0, top: 0, bottom: 0 },
              children,
            }),
        ),
      }),
    ],
  });
}

/** Header table: the issuing body and number on the left, the national motto and date right. */
function headerTable(org: OrganisationSettings, issuedAt: Date): Table {
  const left = Math.round(TEXT_WIDTH * 0.38);
  const right = TEXT_WIDTH - left;
  const leftCell = [
    ...(org.parentBody ? [centred(upper(org.parentBody), { size: SIZE.motto })] : []),
    centred(upper(org.issuingBody), { size: SIZE.motto, bold: true }),
    rule(left, Math.round(left * 0.4)),
    centred(`Số:        /${org.symbol}`, { size: SIZE.header }),
  ];
  const rightCell = [
    centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: SIZE.motto, bold: true }),
    centred('Độc lập - Tự do - Hạnh phúc', { size: SIZE.body, bold: true }),
    rule(right, Math.round(right * 0.55)),
    centred(placeAndDate(org.place, issuedAt), { size: SIZE.body, italics: true }),
  ];
  return layoutTable([left, right], [leftCell, rightCell]);
}

type Cell = string | { text: string; bold?: boolean; align?: 'left' | 'center' | 'right' };

/** A bordered table of figures: a bold header row, then rows; numbers right-aligned. */
function dataTable(
  columns: Array<{ title: string; width: number; align?: 'left' | 'center' | 'right' }>,
  rows: Cell[][],
): Table {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => Math.round((c.width / total) * TEXT_WIDTH));
  const alignment = (align: 'left' | 'center' | 'right' | undefined) =>
    align === 'right'
      ? AlignmentType.RIGHT
      : align === 'center'
        ? AlignmentType.CENTER
        : AlignmentType.LEFT;
  const cell = (content: Cell, index: number, header: boolean) => {
    const value = typeof content === 'string' ? { text: content } : content;
    return new TableCell({
      width: { size: widths[index]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 80, right: 80, top: 40, bottom: 40 },
      children: [
        new Paragraph({
          alignment: header
            ? AlignmentType.CENTER
            : alignment(value.align ?? columns[index]!.align),
          spacing: { before: 0, after: 0 },
          children: [run(value.text, { size: SIZE.table, bold: header || (value.bold ?? false) })],
        }),
      ],
    });
  };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c, i) => cell(c.title, i, true)) }),
      ...rows.map(
        (r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) }),
      ),
    ],
  });
}

const spacer = () => new Paragraph({ spacing: { before: 0, after: 120 }, children: [] });

function delayRow(label: string, stats: DelayStats): Cell[] {
  const share = withinDeadlineShare(stats);
  return [
    label,
    formatCount(stats.count),
    formatHours(stats.medianHours),
    formatHours(stats.p90Hours),
    share === null
      ? '—'
      : `${formatCount(stats.withinDeadline)}/${formatCount(stats.withDeadline)} (${formatShare(share)})`,
  ];
}

/** The body of the report: every section with its figures, in words where there are none. */
function sections(report: ActivityReport): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  const { intake, items, claims, checks, responseTimes, overdue, topClaims, sources, corrections } =
    report;
  const totalNew = intake.byChannel.reduce((sum, r) => sum + r.newItems, 0);
  const totalSightings = intake.byChannel.reduce((sum, r) => sum + r.sightings, 0);

  out.push(heading(SECTION_HEADINGS[0]));
  out.push(heading('1. Tiếp nhận theo kênh'));
  if (totalSightings === 0 && totalNew === 0) {
    out.push(body('Trong kỳ không tiếp nhận tin, bài nào qua các kênh của hệ thống.'));
  } else {
    out.push(
      dataTable(
        [
          { title: 'TT', width: 8, align: 'center' },
          { title: 'Kênh tiếp nhận', width: 52 },
          { title: 'Tin, bài mới', width: 20, align: 'right' },
          { title: 'Lượt ghi nhận', width: 20, align: 'right' },
        ],
        [
          ...intake.byChannel.map((r, i) => [
            String(i + 1),
            CHANNEL_LABELS[r.channel],
            formatCount(r.newItems),
            formatCount(r.sightings),
          ]),
          [
            '',
            { text: 'Tổng cộng', bold: true },
            { text: formatCount(totalNew), bold: true, align: 'right' },
            { text: formatCount(totalSightings), bold: true, align: 'right' },
          ],
        ],
      ),
    );
    out.push(spacer());
  }
  out.push(
    body(`Số tin báo của người dân qua cổng tiếp nhận: ${formatCount(intake.tipsReceived)}.`),
  );
  out.push(heading('2. Tin trùng lặp và đối chiếu với kết quả đã công bố'));
  if (items.sightings === 0 && items.newItems === 0) {
    out.push(body('Trong kỳ không có tin, bài nào để đối chiếu.'));
  } else {
    out.push(
      body(
        `Trong kỳ có ${formatCount(items.newItems)} tin, bài mới và ${formatCount(items.sightings)} lượt ghi nhận; ` +
          `${formatCount(items.duplicates)} lượt là tin đã có trước đó (trùng lặp). ` +
          `${formatCount(items.matched)} tin, bài mới khớp với kết quả kiểm chứng đã công bố; ` +
          `${formatCount(items.linkedToClaims)} tin, bài mới được gắn với nhận định cần kiểm chứng.`,
      ),
    );
  }
  out.push(heading('3. Các nhận định được nhắc lại nhiều nhất'));
  if (topClaims.length === 0) {
    out.push(body('Trong kỳ không có nhận định nào được ghi nhận lại.'));
  } else {
    out.push(
      dataTable(
        [
          { title: 'TT', width: 7, align: 'center' },
          { title: 'Nhận định', width: 53 },
          { title: 'Tình trạng', width: 15 },
          { title: 'Kết luận', width: 13 },
          { title: 'Lượt ghi nhận', width: 12, align: 'right' },
        ],
        topClaims.map((c, i) => [
          String(i + 1),
          c.text,
          CLAIM_STATUS_LABELS[c.status],
          c.rating ? RATING_LABELS[c.rating] : '—',
          formatCount(c.sightings),
        ]),
      ),
    );
    out.push(spacer());
  }

  out.push(heading(SECTION_HEADINGS[1]));
  out.push(heading('1. Nhận định tiếp nhận trong kỳ theo trạng thái'));
  if (claims.created === 0) {
    out.push(body('Trong kỳ không có nhận định mới.'));
  } else {
    out.push(
      dataTable(
        [
          { title: 'TT', width: 8, align: 'center' },
          { title: 'Trạng thái hiện tại', width: 67 },
          { title: 'Số nhận định', width: 25, align: 'right' },
        ],
        [
          ...claims.byState.map((r, i) => [
            String(i + 1),
            CLAIM_STATUS_LABELS[r.status],
            formatCount(r.count),
          ]),
          [
            '',
            { text: 'Tổng cộng', bold: true },
            { text: formatCount(claims.created), bold: true, align: 'right' },
          ],
        ],
      ),
    );
    out.push(spacer());
  }
  out.push(heading('2. Kết quả kiểm chứng đã công bố theo kết luận'));
  if (checks.published === 0) {
    out.push(body('Trong kỳ không công bố kết quả kiểm chứng nào.'));
  } else {
    out.push(
      dataTable(
        [
          { title: 'TT', width: 8, align: 'center' },
          { title: 'Kết luận', width: 67 },
          { title: 'Số kết quả', width: 25, align: 'right' },
        ],
        [
          ...checks.byVerdict.map((r, i) => [
            String(i + 1),
            RATING_LABELS[r.rating],
            formatCount(r.count),
          ]),
          [
            '',
            { text: 'Tổng cộng', bold: true },
            { text: formatCount(checks.published), bold: true, align: 'right' },
          ],
        ],
      ),
    );
    out.push(spacer());
    out.push(heading('3. Kết quả kiểm chứng đã công bố theo chuyên mục'));
    out.push(
      dataTable(
        [
          { title: 'TT', width: 8, align: 'center' },
          { title: 'Chuyên mục', width: 67 },
          { title: 'Số kết quả', width: 25, align: 'right' },
        ],
        checks.byCategory.map((r, i) => [
          String(i + 1),
          r.category ?? 'Chưa phân chuyên mục',
          formatCount(r.count),
        ]),
      ),
    );
    out.push(spacer());
  }
  out.push(heading(`${checks.published === 0 ? 3 : 4}. Đính chính`));
  if (corrections.count === 0) {
    out.push(body('Trong kỳ không có đính chính nào đối với kết quả đã công bố.'));
  } else {
    out.push(
      body(`Trong kỳ có ${formatCount(corrections.count)} lần đính chính kết quả đã công bố:`),
    );
    out.push(
      dataTable(
        [
          { title: 'TT', width: 7, align: 'center' },
          { title: 'Ngày', width: 15, align: 'center' },
          { title: 'Kết quả kiểm chứng', width: 43 },
          { title: 'Nội dung đính chính', width: 35 },
        ],
        corrections.rows.map((r, i) => [
          String(i + 1),
          formatDate(r.createdAt),
          r.checkTitle,
          r.reason,
        ]),
      ),
    );
    out.push(spacer());
  }

  out.push(heading(SECTION_HEADINGS[2]));
  out.push(heading('1. Thời gian phản hồi và công bố'));
  const deadlines = (['urgent', 'high', 'normal', 'low'] as const)
    .map(
      (p) =>
        `${PRIORITY_LABELS[p].toLocaleLowerCase('vi-VN')} ${formatCount(PRIORITY_DEADLINE_HOURS[p])} giờ`,
    )
    .join(', ');
  out.push(
    body(`Thời hạn trả lời theo mức ưu tiên: ${deadlines}, tính từ khi tiếp nhận nhận định.`),
  );
  if (responseTimes.firstResponse.count === 0 && responseTimes.publication.count === 0) {
    out.push(body('Trong kỳ không có nhận định nào được phản hồi hoặc công bố kết quả.'));
  } else {
    out.push(
      dataTable(
        [
          { title: 'Chỉ tiêu', width: 28 },
          { title: 'Số nhận định', width: 14, align: 'right' },
          { title: 'Trung vị', width: 16, align: 'right' },
          { title: 'Phân vị 90', width: 16, align: 'right' },
          { title: 'Trong thời hạn', width: 26, align: 'right' },
        ],
        [
          delayRow('Phản hồi lần đầu', responseTimes.firstResponse),
          delayRow('Công bố kết quả', responseTimes.publication),
        ],
      ),
    );
    out.push(spacer());
  }
  out.push(heading('2. Công việc quá hạn'));
  if (overdue.missed === 0) {
    out.push(body('Trong kỳ không có nhận định nào quá thời hạn trả lời.'));
  } else {
    out.push(
      body(
        `Trong kỳ có ${formatCount(overdue.missed)} nhận định đến hạn mà chưa công bố kết quả, ` +
          `trong đó ${formatCount(overdue.stillOpen)} nhận định đến nay vẫn chưa xử lý xong.`,
      ),
    );
    out.push(
      dataTable(
        [
          { title: 'TT', width: 8, align: 'center' },
          { title: 'Mức ưu tiên', width: 67 },
          { title: 'Số nhận định quá hạn', width: 25, align: 'right' },
        ],
        overdue.byPriority.map((r, i) => [
          String(i + 1),
          PRIORITY_LABELS[r.priority],
          formatCount(r.count),
        ]),
      ),
    );
    out.push(spacer());
    out.push(
      dataTable(
        [
          { title: 'TT', width: 7, align: 'center' },
          { title: 'Nhận định quá hạn', width: 50 },
          { title: 'Mức ưu tiên', width: 13 },
          { title: 'Hạn trả lời', width: 15, align: 'center' },
          { title: 'Trạng thái', width: 15 },
        ],
        overdue.examples.map((r, i) => [
          String(i + 1),
          r.text,
          PRIORITY_LABELS[r.priority],
          formatDateTime(r.dueAt),
          CLAIM_STATUS_LABELS[r.status],
        ]),
      ),
    );
    out.push(spacer());
  }

  out.push(heading(SECTION_HEADINGS[3]));
  if (sources.total === 0) {
    out.push(body('Hệ thống chưa có nguồn theo dõi nào.'));
  } else {
    out.push(
      body(
        `Tại thời điểm lập báo cáo có ${formatCount(sources.total)} nguồn theo dõi: ` +
          `${formatCount(sources.enabled - sources.failing)} hoạt động bình thường, ` +
          `${formatCount(sources.failing)} đang lỗi, ${formatCount(sources.disabled)} đã tắt.`,
      ),
    );
    const shown = sources.rows.slice(0, MAX_SOURCE_ROWS);
    out.push(
      dataTable(
        [
          { title: 'TT', width: 7, align: 'center' },
          { title: 'Nguồn', width: 38 },
          { title: 'Loại', width: 17 },
          { title: 'Tình trạng', width: 20 },
          { title: 'Lượt ghi nhận trong kỳ', width: 18, align: 'right' },
        ],
        shown.map((s, i) => [
          String(i + 1),
          s.name,
          SOURCE_KIND_LABELS[s.kind],
          SOURCE_STATE_LABELS[s.state],
          formatCount(s.sightings),
        ]),
      ),
    );
    if (sources.rows.length > shown.length) {
      out.push(
        body(`Và ${formatCount(sources.rows.length - shown.length)} nguồn khác.`, {
          italics: true,
        }),
      );
    }
    out.push(spacer());
  }

  out.push(heading(SECTION_HEADINGS[4]));
  out.push(
    body(
      'Kỳ báo cáo tính theo giờ Việt Nam. Tin, bài mới là tin, bài được ghi nhận lần đầu trong kỳ; ' +
        'lượt ghi nhận gồm cả lần đầu và các lần tin, bài được gửi đến hoặc xuất hiện lại; lượt trùng lặp là các lần xuất hiện lại. ' +
        'Trạng thái của nhận định là trạng thái tại thời điểm lập báo cáo, không phải tại ngày cuối kỳ.',
    ),
  );
  out.push(
    body(
      'Thời gian phản hồi lần đầu tính từ khi tạo nhận định đến khi nhận định được chuyển khỏi trạng thái "mới", ' +
        'được phân công hoặc được công bố kết quả (lấy mốc sớm nhất); thời gian công bố tính đến lần công bố đầu tiên. ' +
        'Trung vị và phân vị 90 tính trên các phản hồi, công bố diễn ra trong kỳ.',
    ),
  );
  return out;
}

/** "Nơi nhận" and the signature block, side by side without borders. */
function closing(org: OrganisationSettings): Table {
  const left = Math.round(TEXT_WIDTH * 0.45);
  const right = TEXT_WIDTH - left;
  const recipients = [...org.recipients.map((r) => `- ${r};`), `- Lưu: ${org.archive}.`];
  const leftCell = [
    new Paragraph({
      spacing: { before: 0, after: 0 },
      children: [run('Nơi nhận:', { bold: true, italics: true, size: SIZE.recipientsLabel })],
    }),
    ...recipients.map(
      (line) =>
        new Paragraph({
          spacing: { before: 0, after: 0 },
          children: [run(line, { size: SIZE.recipients })],
        }),
    ),
  ];
  const rightCell = [
    ...(org.signerAuthority ? [centred(upper(org.signerAuthority), { bold: true })] : []),
    centred(upper(org.signerTitle), { bold: true }),
    ...Array.from({ length: 4 }, () => centred('')),
    centred(org.signerName, { bold: true }),
  ];
  return layoutTable([left, right], [leftCell, rightCell]);
}

/** The subject line under "BÁO CÁO". */
export function reportSubject(report: ActivityReport): string[] {
  return [
    'Kết quả tiếp nhận, kiểm chứng và phản hồi thông tin sai sự thật',
    `từ ngày ${formatDay(report.period.firstDay)} đến ngày ${formatDay(report.period.lastDay)}`,
  ];
}

/** Renders the report as a .docx file. `issuedAt` is the document's date (defaults to generation). */
export async function renderReportDocx(
  report: ActivityReport,
  org: OrganisationSettings,
  issuedAt: Date = report.generatedAt,
): Promise<Buffer> {
  const empty = isEmptyReport(report);
  const intro =
    `Thực hiện chế độ báo cáo định kỳ, ${org.issuingBody} báo cáo kết quả tiếp nhận, kiểm chứng ` +
    `và phản hồi tin đồn, thông tin sai sự thật trên hệ thống Kiểm Chứng từ ngày ` +
    `${formatDay(report.period.firstDay)} đến ngày ${formatDay(report.period.lastDay)} như sau:`;
  const document = new Document({
    creator: org.issuingBody,
    title: `Báo cáo ${reportSubject(report).join(' ')}`,
    description: 'Báo cáo hoạt động định kỳ của hệ thống Kiểm Chứng',
    styles: {
      default: {
        document: { run: { font: FONT, size: SIZE.body } },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.marginTop,
              bottom: PAGE.marginBottom,
              left: PAGE.marginLeft,
              right: PAGE.marginRight,
              header: 567,
              footer: 567,
            },
          },
        },
        // The decree numbers pages from the second one, centred at the top.
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SIZE.body }),
                ],
              }),
            ],
          }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children: [
          headerTable(org, issuedAt),
          new Paragraph({ spacing: { before: 240, after: 0 }, children: [] }),
          centred('BÁO CÁO', { bold: true }),
          centred(reportSubject(report), { bold: true }),
          rule(TEXT_WIDTH, Math.round(TEXT_WIDTH * 0.2)),
          new Paragraph({ spacing: { before: 120, after: 0 }, children: [] }),
          body(intro),
          ...(empty ? [body(NO_DATA_SENTENCE, { italics: true })] : []),
          ...sections(report),
          body(
            `Trên đây là báo cáo kết quả hoạt động kiểm chứng thông tin của ${org.issuingBody}./.`,
          ),
          new Paragraph({ spacing: { before: 120, after: 0 }, children: [] }),
          closing(org),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
