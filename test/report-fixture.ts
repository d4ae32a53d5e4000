/**
 * A month of desk activity (March 2026, Vietnam time) with known figures, for the report tests.
 * Built with the intake repository and direct inserts so every timestamp is chosen.
 */
import { randomBytes } from 'node:crypto';
import { prepareItem } from '../src/core/intake.js';
import type { Repositories } from '../src/core/ports.js';
import type { TestDatabase } from './db.js';
import { buildCategory, createTestUser } from './factories.js';

/** An instant written in Vietnam time. */
export const vn = (local: string) => new Date(`${local}+07:00`);

export interface ReportFixture {
  categoryName: string;
  claimIds: Record<
    'published' | 'researching' | 'rejected' | 'corrected' | 'fresh' | 'later',
    string
  >;
  sourceNames: { ok: string; off: string };
  /** Texts that a spreadsheet would take for formulas. */
  formulaClaimText: string;
  formulaItemTitle: string;
}

async function intake(
  repos: Repositories,
  input: Parameters<typeof prepareItem>[0] & { seenAt: Date },
): Promise<string> {
  const prepared = prepareItem(input, input.seenAt);
  const [outcome] = await repos.transaction((tx) => tx.items.intake([prepared]));
  return outcome!.itemId;
}

export async function buildReportFixture(db: TestDatabase): Promise<ReportFixture> {
  const { repos, database } = db;
  const q = (text: string, params: unknown[] = []) => database.query(text, params);
  const one = async (text: string, params: unknown[]) =>
    ((await q(text, params)).rows[0] as { id: string }).id;
  const suffix = randomBytes(3).toString('hex');
  const editor = await createTestUser(repos, 'editor');
  const lead = await createTestUser(repos, 'lead');
  const category = await repos.categories.insert(buildCategory({ nameVi: `Y tế – sức khỏe` }));

  const okSource = await one(
    `insert into sources (name, kind, url, canonical_url, last_success_at)
     values ($1, 'feed', $2, $2, $3) returning id`,
    [`Báo Lam Giang`, `https://baolamgiang.example/rss-${suffix}.xml`, vn('2026-04-01T06:00:00')],
  );
  await q(
    `insert into sources (name, kind, url, canonical_url, enabled, consecutive_failures,
       disabled_reason) values ($1, 'page', $2, $2, false, 12, 'Không truy cập được trong 7 ngày')`,
    [`Trang tin xã Tân Lộc`, `https://tanloc.example/tin-${suffix}`],
  );

  // Items: A seen three times in March (feed, feed, tip); B once (tip); C first in February and
  // again in March (staff); D only in April.
  const formulaItemTitle = `=HYPERLINK("https://xau.example","Bấm vào đây")`;
  const a = await intake(repos, {
    channel: 'feed',
    sourceId: okSource,
    url: `https://baolamgiang.example/tin/nuoc-may-${suffix}`,
    title: formulaItemTitle,
    text: `Tin đồn nước máy ở phường Thành Lam nhiễm độc, người dân không nên dùng.`,
    sightingKey: `feed-a1-${suffix}`,
    seenAt: vn('2026-03-02T10:00:00'),
  });
  await intake(repos, {
    channel: 'feed',
    sourceId: okSource,
    url: `https://baolamgiang.example/tin/nuoc-may-${suffix}`,
    sightingKey: `feed-a2-${suffix}`,
    seenAt: vn('2026-03-05T10:00:00'),
  });
  await intake(repos, {
    channel: 'tip',
    url: `https://baolamgiang.example/tin/nuoc-may-${suffix}`,
    sightingKey: `tip-a3-${suffix}`,
    seenAt: vn('2026-03-06T10:00:00'),
  });
  const b = await intake(repos, {
    channel: 'tip',
    text: `Nghe nói cầu Sông Lam sắp bị cấm xe tải từ tháng sau.`,
    sightingKey: `tip-b-${suffix}`,
    seenAt: vn('2026-03-10T09:00:00'),
  });
  const c = await intake(repos, {
    channel: 'staff',
    text: `Trường học toàn tỉnh nghỉ hai tuần vì cúm A.`,
    sightingKey: `staff-c1-${suffix}`,
    seenAt: vn('2026-02-20T09:00:00'),
  });
  await intake(repos, {
    channel: 'staff',
    text: `Trường học toàn tỉnh nghỉ hai tuần vì cúm A.`,
    sightingKey: `staff-c2-${suffix}`,
    seenAt: vn('2026-03-03T09:00:00'),
  });
  await intake(repos, {
    channel: 'feed',
    text: `Tin tháng Tư không thuộc kỳ báo cáo.`,
    seenAt: vn('2026-04-02T09:00:00'),
  });
  await q(`insert into tips (receipt_digest, item_id, text, created_at) values ($1, $2, $3, $4)`, [
    `digest-${suffix}`,
    b,
    'Cầu Sông Lam cấm xe tải?',
    vn('2026-03-10T09:00:00'),
  ]);

  const claim = (values: {
    text: string;
    status: string;
    priority: string;
    createdAt: Date;
    dueAt: Date;
    firstResponseAt?: Date;
    rejectionReason?: string;
    categoryId?: string;
  }) =>
    one(
      `insert into claims (text, status, priority, created_at, due_at, first_response_at,
         rejection_reason, category_id) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [
        values.text,
        values.status,
        values.priority,
        values.createdAt,
        values.dueAt,
        values.firstResponseAt ?? null,
        values.rejectionReason ?? null,
        values.categoryId ?? null,
      ],
    );
  const check = (values: {
    claimId: string;
    title: string;
    rating: string;
    publishedAt: Date;
    categoryId?: string;
  }) =>
    one(
      `insert into checks (claim_id, slug, title, rating, summary, status, author_id, reviewer_id,
         published_at, first_published_at, category_id, created_at)
       values ($1, $2, $3, $4, 'Tóm tắt.', 'published', $5, $6, $7, $7, $8, $7) returning id`,
      [
        values.claimId,
        `kiem-chung-${randomBytes(4).toString('hex')}`,
        values.title,
        values.rating,
        editor.user.id,
        lead.user.id,
        values.publishedAt,
        values.categoryId ?? null,
      ],
    );

  // Published within its deadline: first response after 2 h, published after 9 h.
  const published = await claim({
    text: `Nước máy ở phường Thành Lam nhiễm độc`,
    status: 'published',
    priority: 'high',
    createdAt: vn('2026-03-02T11:00:00'),
    dueAt: vn('2026-03-03T11:00:00'),
    firstResponseAt: vn('2026-03-02T13:00:00'),
    categoryId: category.id,
  });
  const publishedCheck = await check({
    claimId: published,
    title: `Nước máy Thành Lam an toàn`,
    rating: 'false',
    publishedAt: vn('2026-03-02T20:00:00'),
    categoryId: category.id,
  });
  await q(`update items set matched_check_id = $1 where id = $2`, [publishedCheck, a]);
  // Assigned after 4 h, still being researched after its deadline.
  const researching = await claim({
    text: `Cầu Sông Lam cấm xe tải`,
    status: 'researching',
    priority: 'normal',
    createdAt: vn('2026-03-04T08:00:00'),
    dueAt: vn('2026-03-07T08:00:00'),
  });
  await repos.audit.append({
    actor: { kind: 'user', id: lead.user.id },
    action: 'claim.updated',
    entityType: 'claim',
    entityId: researching,
    data: { assigneeId: editor.user.id },
    occurredAt: vn('2026-03-04T12:00:00'),
  });
  // Rejected after 1 h: a response, and not overdue work.
  await claim({
    text: `Ý kiến về quy hoạch công viên`,
    status: 'rejected',
    rejectionReason: 'not_checkable',
    priority: 'urgent',
    createdAt: vn('2026-03-10T09:00:00'),
    dueAt: vn('2026-03-10T13:00:00'),
    firstResponseAt: vn('2026-03-10T10:00:00'),
  });
  // From February, published late in March (216 h), then corrected.
  const corrected = await claim({
    text: `Học sinh toàn tỉnh nghỉ học hai tuần`,
    status: 'corrected',
    priority: 'low',
    createdAt: vn('2026-02-25T10:00:00'),
    dueAt: vn('2026-03-04T10:00:00'),
    firstResponseAt: vn('2026-02-26T10:00:00'),
  });
  const correctedCheck = await check({
    claimId: corrected,
    title: `Không có thông báo nghỉ học hai tuần`,
    rating: 'misleading',
    publishedAt: vn('2026-03-06T10:00:00'),
  });
  await q(
    `insert into check_corrections (check_id, reason, version_before, version_after, created_at)
     values ($1, $2, 1, 2, $3)`,
    [
      correctedCheck,
      'Bổ sung văn bản chính thức của Sở Giáo dục và Đào tạo.',
      vn('2026-03-20T15:00:00'),
    ],
  );
  // Untouched and overdue; its text would be a formula in a spreadsheet.
  const formulaClaimText = `=1+2 “tin đồn” giá điện tăng gấp đôi`;
  const fresh = await claim({
    text: formulaClaimText,
    status: 'new',
    priority: 'normal',
    createdAt: vn('2026-03-15T08:00:00'),
    dueAt: vn('2026-03-18T08:00:00'),
  });
  const later = await claim({
    text: `Nhận định tháng Tư`,
    status: 'new',
    priority: 'normal',
    createdAt: vn('2026-04-05T08:00:00'),
    dueAt: vn('2026-04-08T08:00:00'),
  });
  await repos.claims.linkItems(published, [a, c], editor.user.id);
  await repos.claims.linkItems(researching, [b], editor.user.id);
  return {
    categoryName: category.nameVi,
    claimIds: { published, researching, rejected: '', corrected, fresh, later },
    sourceNames: { ok: `Báo Lam Giang`, off: `Trang tin xã Tân Lộc` },
    formulaClaimText,
    formulaItemTitle,
  };
}
