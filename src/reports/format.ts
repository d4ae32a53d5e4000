/**
 * Vietnamese wording and number formats of the report: labels of channels, states, verdicts,
 * and figures written the Vietnamese way (1.234; 12,5%; 05/01/2027).
 */
import { REPORT_UTC_OFFSET_HOURS } from '../core/report.js';
import type { Channel, ClaimStatus, Priority, Rating, SourceKind } from '../core/types.js';

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  feed: 'Nguồn tin theo dõi',
  url: 'Đường dẫn gửi đến',
  tip: 'Tin báo của người dân',
  staff: 'Cán bộ phản ánh',
  import: 'Nhập từ tệp',
  api: 'Kết nối API',
};

export const CLAIM_STATUS_LABELS: Readonly<Record<ClaimStatus, string>> = {
  new: 'Mới tiếp nhận',
  triage: 'Đang phân loại',
  researching: 'Đang xác minh',
  in_review: 'Chờ duyệt',
  approved: 'Đã duyệt, chờ công bố',
  published: 'Đã công bố',
  rejected: 'Không xử lý',
  corrected: 'Đã đính chính',
};

export const RATING_LABELS: Readonly<Record<Rating, string>> = {
  true: 'Đúng',
  misleading: 'Gây hiểu nhầm',
  false: 'Sai',
  unproven: 'Chưa đủ căn cứ',
  not_checkable: 'Không phải nhận định kiểm chứng được',
};

export const PRIORITY_LABELS: Readonly<Record<Priority, string>> = {
  urgent: 'Khẩn',
  high: 'Cao',
  normal: 'Bình thường',
  low: 'Thấp',
};

export const SOURCE_KIND_LABELS: Readonly<Record<SourceKind, string>> = {
  feed: 'Kênh tin (RSS/Atom)',
  sitemap: 'Sơ đồ trang',
  page: 'Trang web',
};

export const SOURCE_STATE_LABELS: Readonly<Record<'ok' | 'failing' | 'disabled', string>> = {
  ok: 'Hoạt động bình thường',
  failing: 'Đang lỗi',
  disabled: 'Đã tắt',
};

const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('vi-VN', {
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});

/** 1234 → "1.234". */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** 12.5 → "12,5"; at most one decimal. */
export function formatDecimal(value: number): string {
  return oneDecimal.format(value);
}

/** 0.125 → "12,5%". */
export function formatShare(share: number): string {
  return `${oneDecimal.format(share * 100)}%`;
}

/** Hours with the unit, or a dash when there is nothing to measure. */
export function formatHours(hours: number | null): string {
  return hours === null ? '—' : `${formatDecimal(hours)} giờ`;
}

const two = (n: number) => String(n).padStart(2, '0');

function localParts(instant: Date) {
  const local = new Date(instant.getTime() + REPORT_UTC_OFFSET_HOURS * 3_600_000);
  return {
    day: local.getUTCDate(),
    month: local.getUTCMonth() + 1,
    year: local.getUTCFullYear(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

/** "05/01/2027" (Vietnam time). */
export function formatDate(instant: Date): string {
  const { day, month, year } = localParts(instant);
  return `${two(day)}/${two(month)}/${year}`;
}

/** "14:30 05/01/2027" (Vietnam time). */
export function formatDateTime(instant: Date): string {
  const { hour, minute } = localParts(instant);
  return `${two(hour)}:${two(minute)} ${formatDate(instant)}`;
}

/** A YYYY-MM-DD day as "05/01/2027". */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

/**
 * The date line of an administrative document: "Lam Giang, ngày 05 tháng 01 năm 2027". Decree
 * 30/2020/NĐ-CP writes days below 10 and the months 1 and 2 with a leading zero.
 */
export function placeAndDate(place: string, instant: Date): string {
  const { day, month, year } = localParts(instant);
  const monthText = month <= 2 ? two(month) : String(month);
  return `${place}, ngày ${two(day)} tháng ${monthText} năm ${year}`;
}

/** Vietnamese upper case (the locale matters for no letter here, but say what is meant). */
export function upper(text: string): string {
  return text.toLocaleUpperCase('vi-VN');
}
