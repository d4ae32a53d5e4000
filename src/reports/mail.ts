/** E-mail delivery of the scheduled reports through the organisation's SMTP server. */
import nodemailer from 'nodemailer';
import type { ReportFormat, ReportKind } from '../core/report.js';
import { formatDay } from './format.js';

export interface ReportEmailSettings {
  /** smtp://user:pass@host:587 or smtps://…:465 */
  smtpUrl: string;
  from: string;
  to: readonly string[];
}

const ATTACHMENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** Sends one stored report as an attachment to every configured address. */
export async function sendReportEmail(
  settings: ReportEmailSettings,
  report: {
    kind: ReportKind;
    firstDay: string;
    lastDay: string;
    format: ReportFormat;
    bytes: Buffer;
  },
): Promise<void> {
  const transport = nodemailer.createTransport(settings.smtpUrl);
  const span = `từ ngày ${formatDay(report.firstDay)} đến ngày ${formatDay(report.lastDay)}`;
  const label = report.kind === 'weekly' ? 'tuần' : 'tháng';
  try {
    await transport.sendMail({
      from: settings.from,
      to: [...settings.to],
      subject: `Báo cáo hoạt động ${label} ${span}`,
      text:
        `Kính gửi,\n\nHệ thống Kiểm Chứng gửi kèm báo cáo hoạt động ${label} ${span}.\n` +
        'Báo cáo cũng có thể tải về từ bàn làm việc (mục Báo cáo).\n',
      attachments: [
        {
          filename: `bao-cao-${report.kind === 'weekly' ? 'tuan' : 'thang'}-${report.firstDay}-den-${report.lastDay}.${report.format}`,
          content: report.bytes,
          contentType: ATTACHMENT_TYPES[report.format],
        },
      ],
    });
  } finally {
    transport.close();
  }
}
