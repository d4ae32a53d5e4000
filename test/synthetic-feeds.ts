/**
 * Synthetic Vietnamese RSS feeds for crash tests and throughput benchmarks: every entry has a
 * unique link and text built from a fixed vocabulary, so a run's figures depend only on the
 * counts asked for.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SUBJECTS = [
  'Ủy ban nhân dân tỉnh',
  'Sở Y tế',
  'Công an xã',
  'Người dân phường Trung Tâm',
  'Trường tiểu học',
  'Ban quản lý chợ',
  'Công ty cấp nước',
  'Bệnh viện đa khoa',
  'Hội nông dân',
  'Đoàn thanh niên',
];
const VERBS = [
  'thông báo',
  'bác bỏ tin đồn về',
  'cảnh báo',
  'kiểm tra',
  'tổ chức',
  'hướng dẫn',
  'xác minh',
  'khuyến cáo về',
  'triển khai',
  'làm rõ',
];
const OBJECTS = [
  'việc cắt nước trong ba ngày',
  'dịch sốt xuất huyết tăng mạnh',
  'giá xăng dầu tăng',
  'lịch nghỉ học vì mưa lũ',
  'tình trạng sạt lở ở vùng núi',
  'vụ lừa đảo qua điện thoại',
  'chương trình tiêm chủng mở rộng',
  'kế hoạch sửa chữa cầu',
  'thực phẩm bẩn ở chợ đầu mối',
  'đợt rét đậm rét hại sắp tới',
  'việc thu hồi đất làm đường',
  'tin nhắn giả mạo ngân hàng',
];
const TAILS = [
  'Người dân cần theo dõi thông tin chính thức.',
  'Cơ quan chức năng đang xác minh.',
  'Không chia sẻ thông tin chưa được kiểm chứng.',
  'Mọi thắc mắc xin liên hệ đường dây nóng.',
  'Kết quả sẽ được công bố trong tuần.',
  'Lực lượng chức năng đã có mặt tại hiện trường.',
];

const pick = <T>(xs: readonly T[], n: number): T => xs[n % xs.length]!;

/** One entry's title and text, unique by `n`. */
export function syntheticEntry(n: number): { title: string; text: string; link: string } {
  const title = `${pick(SUBJECTS, n)} ${pick(VERBS, n * 7 + 3)} ${pick(OBJECTS, n * 13 + 5)} (tin số ${n})`;
  const text = [
    `${title}.`,
    `Theo ghi nhận ngày ${(n % 28) + 1}/${(n % 12) + 1}, ${pick(SUBJECTS, n * 3 + 1).toLowerCase()} cho biết ${pick(OBJECTS, n * 5 + 2)} đang được theo dõi với mã hồ sơ ${n * 7919}.`,
    pick(TAILS, n * 11 + 4),
  ].join(' ');
  return { title, text, link: `https://baotinh.example/tin/${n}` };
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** RSS 2.0 with entries `from` … `from + count - 1`. */
export function syntheticRss(from: number, count: number): string {
  const items: string[] = [];
  for (let n = from; n < from + count; n++) {
    const e = syntheticEntry(n);
    const date = new Date(Date.UTC(2026, 10, 1) + n * 60_000).toUTCString();
    items.push(
      `<item><title>${escape(e.title)}</title><link>${e.link}</link><guid>${e.link}</guid><pubDate>${date}</pubDate><description>${escape(e.text)}</description></item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Báo tỉnh (thử nghiệm)</title><link>https://baotinh.example/</link><language>vi</language>${items.join('\n')}</channel></rss>\n`;
}

/** Writes `files` RSS files of `perFile` entries each into `dir`; returns the file paths. */
export function writeSyntheticFeeds(
  dir: string,
  files: number,
  perFile: number,
  offset = 0,
): string[] {
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (let f = 0; f < files; f++) {
    const path = join(dir, `feed-${String(f).padStart(4, '0')}.xml`);
    writeFileSync(path, syntheticRss(offset + f * perFile, perFile));
    paths.push(path);
  }
  return paths;
}
