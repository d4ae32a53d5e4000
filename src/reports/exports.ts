/**
 * Spreadsheet exports of claims, checks and items: XLSX (exceljs) and CSV (csv-stringify).
 * Vietnamese text stays intact (CSV starts with a UTF-8 byte order mark so Excel reads it as
 * UTF-8), and no cell can run as a formula: text beginning with =, +, -, @, a tab or a carriage
 * return is stored as text in XLSX and prefixed with an apostrophe in CSV (OWASP CSV injection).
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { ExportKind } from '../core/report.js';
import type { ExportRows } from '../db/export.repo.js';
import {
  CHANNEL_LABELS,
  CLAIM_STATUS_LABELS,
  PRIORITY_LABELS,
  RATING_LABELS,
  formatDateTime,
} from './format.js';

/** A cell value: text, a number, or nothing. */
type Value = string | number | null;

interface Column<Row> {
  header: string;
  width: number;
  value(row: Row): Value;
}

const CHECK_STATUS_LABELS: Record<string, string> = {
  draft: 'Bản nháp',
  in_review: 'Chờ duyệt',
  approved: 'Đã duyệt',
  published: 'Đã công bố',
  unpublished: 'Đã gỡ',
};
const ITEM_STATUS_LABELS: Record<string, string> = {
  new: 'Mới',
  queued: 'Trong hàng đợi',
  linked: 'Đã gắn nhận định',
  dismissed: 'Bỏ qua',
};

const when = (d: Date | null): Value => (d ? formatDateTime(d) : null);
/** Excel refuses cells longer than 32,767 characters. */
const cellText = (text: string): string =>
  text.length > 32_000 ? `${text.slice(0, 32_000)}…` : text;

const COLUMNS: { [K in ExportKind]: Array<Column<ExportRows[K][number]>> } = {
  claims: [
    { header: 'Mã', width: 38, value: (r) => r.id },
    { header: 'Ngày tạo', width: 18, value: (r) => when(r.createdAt) },
    { header: 'Nhận định', width: 70, value: (r) => cellText(r.text) },
    { header: 'Trạng thái', width: 20, value: (r) => CLAIM_STATUS_LABELS[r.status] },
    { header: 'Mức ưu tiên', width: 14, value: (r) => PRIORITY_LABELS[r.priority] },
    { header: 'Hạn trả lời', width: 18, value: (r) => when(r.dueAt) },
    { header: 'Phản hồi lần đầu', width: 18, value: (r) => when(r.firstResponseAt) },
    { header: 'Chuyên mục', width: 22, value: (r) => r.category },
    { header: 'Lượt ghi nhận', width: 14, value: (r) => r.sightings },
    { header: 'Kết luận', width: 20, value: (r) => (r.rating ? RATING_LABELS[r.rating] : null) },
  ],
  checks: [
    { header: 'Mã', width: 38, value: (r) => r.id },
    { header: 'Ngày tạo', width: 18, value: (r) => when(r.createdAt) },
    { header: 'Tiêu đề', width: 60, value: (r) => cellText(r.title) },
    { header: 'Đường dẫn rút gọn', width: 30, value: (r) => r.slug },
    { header: 'Kết luận', width: 20, value: (r) => (r.rating ? RATING_LABELS[r.rating] : null) },
    { header: 'Trạng thái', width: 16, value: (r) => CHECK_STATUS_LABELS[r.status] ?? r.status },
    { header: 'Chuyên mục', width: 22, value: (r) => r.category },
    { header: 'Công bố lần đầu', width: 18, value: (r) => when(r.firstPublishedAt) },
    { header: 'Nhận định', width: 60, value: (r) => cellText(r.claimText) },
    { header: 'Số lần đính chính', width: 14, value: (r) => r.corrections },
  ],
  items: [
    { header: 'Mã', width: 38, value: (r) => r.id },
    { header: 'Ghi nhận lần đầu', width: 18, value: (r) => when(r.firstSeenAt) },
    { header: 'Kênh', width: 22, value: (r) => CHANNEL_LABELS[r.channel] },
    { header: 'Tiêu đề', width: 50, value: (r) => cellText(r.title) },
    { header: 'Đường dẫn', width: 40, value: (r) => r.url },
    { header: 'Nội dung', width: 80, value: (r) => cellText(r.text) },
    { header: 'Trạng thái', width: 18, value: (r) => ITEM_STATUS_LABELS[r.status] ?? r.status },
    { header: 'Lượt ghi nhận', width: 14, value: (r) => r.sightings },
    { header: 'Khớp kết quả kiểm chứng', width: 40, value: (r) => r.matchedCheckTitle },
  ],
};

/** Sheet names (Excel allows 31 characters). */
export const SHEET_NAMES: Readonly<Record<ExportKind, string>> = {
  claims: 'Nhận định',
  checks: 'Kết quả kiểm chứng',
  items: 'Tin, bài',
};

/** Whether a spreadsheet program could take this text for a formula. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

/** The text as it must be written to CSV so no spreadsheet runs it. */
export function neutralise(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

function table<K extends ExportKind>(kind: K, rows: ExportRows[K]) {
  const columns = COLUMNS[kind] as Array<Column<ExportRows[K][number]>>;
  return { columns, values: rows.map((row) => columns.map((c) => c.value(row))) };
}

/** An XLSX workbook with one sheet per kind given. */
export async function renderXlsx(sheets: Partial<ExportRows>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kiểm Chứng';
  for (const kind of Object.keys(sheets) as ExportKind[]) {
    const rows = sheets[kind];
    if (!rows) continue;
    const { columns, values } = table(kind, rows);
    const sheet = workbook.addWorksheet(SHEET_NAMES[kind], {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    for (const rowValues of values) {
      const row = sheet.addRow(rowValues);
      rowValues.forEach((value, index) => {
        // Strings are written as shared strings, never formulas; the text format keeps Excel
        // from turning an edited copy of such a cell into one.
        if (typeof value === 'string' && looksLikeFormula(value))
          row.getCell(index + 1).numFmt = '@';
      });
    }
  }
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data);
}

const BOM = '\uFEFF';

/** A CSV file of one kind: UTF-8 with a byte order mark, CRLF line ends, a header row. */
export function renderCsv<K extends ExportKind>(kind: K, rows: ExportRows[K]): Buffer {
  const { columns, values } = table(kind, rows);
  const text = stringify(
    values.map((row) => row.map((v) => (typeof v === 'string' ? neutralise(v) : v))),
    {
      header: true,
      columns: columns.map((c) => c.header),
      record_delimiter: '\r\n',
      cast: { number: (n) => String(n) },
    },
  );
  return Buffer.from(BOM + text, 'utf8');
}
