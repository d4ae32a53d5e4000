import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { databaseTargets, type TestDatabase } from '../../../test/db.js';
import { createTestUser, insertPublishedCheck, type TestUser } from '../../../test/factories.js';
import { CheckIndex } from '../../core/check-index.js';
import { prepareItem } from '../../core/intake.js';
import { createIntakeService, storeItems } from '../../core/intake.service.js';
import { startLocalServer } from '../../../test/local-server.js';
import { createGuardedFetcher } from '../net/guarded-fetch.js';
import { createItemProcessor } from './item-processor.js';
import { createLinkPageFetcher } from './link-pages.js';

const SYSTEM = { kind: 'system' as const, id: null };
const clock = () => new Date();

const RUMOUR =
  'Nước máy ở phường Hạc Thành bị nhiễm độc chì, người dân không được dùng để nấu ăn từ hôm nay';
const ARTICLE = [
  'Chiều 20/11, nhiều người dân phường Trung Tâm chia sẻ trên mạng xã hội thông tin về việc',
  'cầu vượt sông Lam bị nứt dầm chính và sẽ bị cấm xe trong ba tháng để sửa chữa khẩn cấp.',
  'Ban quản lý dự án cho biết đang kiểm tra hiện trường và sẽ thông báo kết quả trong ngày.',
].join(' ');

for (const target of databaseTargets()) {
  describe(`intake and pipeline on ${target.kind}`, () => {
    let db: TestDatabase;
    let editor: TestUser;

    before(async () => {
      db = await target.open();
      editor = await createTestUser(db.repos, 'editor');
    });
    after(async () => {
      await db.close();
    });

    const count = async (sql: string, params: unknown[] = []) =>
      Number((await db.database.query<{ n: string }>(sql, params)).rows[0]?.n);

    test('an item is stored once; repeats are sightings, the same sighting counts once', async () => {
      const intake = createIntakeService(db.repos, clock);
      const text = 'Tin đồn: trường học ở xã Mỹ Lợi nghỉ học cả tuần vì dịch cúm lan rộng';
      const first = await intake.submit(editor.principal, { channel: 'api', text });
      assert.equal(first.created, true);
      // The same text without diacritics and in other spacing is the same item.
      const again = await intake.submit(editor.principal, {
        channel: 'staff',
        text: '  Tin don: truong hoc o xa My Loi nghi hoc ca tuan vi dich cum lan rong ',
      });
      assert.equal(again.created, false);
      assert.equal(again.item.id, first.item.id);
      assert.equal(again.sightingsCount, 2);

      const prepared = prepareItem(
        { channel: 'feed', text, sightingKey: 'feed:test:entry-1' },
        new Date(),
      );
      const [a] = await db.repos.transaction((tx) =>
        storeItems(tx, SYSTEM, new Date(), [prepared]),
      );
      const [b] = await db.repos.transaction((tx) =>
        storeItems(tx, SYSTEM, new Date(), [prepared]),
      );
      assert.equal(a!.counted, true);
      assert.equal(b!.counted, false, 'a re-polled feed entry is not a new sighting');
      assert.equal(b!.sightingsCount, 3);
      assert.equal((await db.repos.items.sightings(first.item.id)).length, 3);
      assert.equal(
        await count(
          `select count(*) as n from audit_events where action = 'item.created' and entity_id = $1`,
          [first.item.id],
        ),
        1,
      );
    });

    test('a batch with repeats inside it stores each item once', async () => {
      const now = new Date();
      const inputs = ['một', 'hai', 'một', 'ba', 'hai'].map((n, i) =>
        prepareItem(
          {
            channel: 'feed',
            url: `https://baotinh.example/tin-${n}?utm_source=fb`,
            title: `Tin số ${n}`,
            text: `Nội dung bài số ${n} về giá xăng tăng mạnh`,
            sightingKey: `feed:batch:${i}`,
          },
          now,
        ),
      );
      const outcomes = await db.repos.transaction((tx) => storeItems(tx, SYSTEM, now, inputs));
      assert.deepEqual(
        outcomes.map((o) => o.created),
        [true, true, false, true, false],
      );
      assert.equal(outcomes[0]!.itemId, outcomes[2]!.itemId);
      const item = await db.repos.items.findById(outcomes[0]!.itemId);
      assert.equal(
        item?.canonicalUrl,
        'https://baotinh.example/tin-một'.replace('một', encodeURIComponent('một')),
      );
      assert.equal(item?.sightingsCount, 2);
    });

    test('bad input is refused with every problem named, and nothing is stored', async () => {
      const intake = createIntakeService(db.repos, clock);
      const before = await count('select count(*) as n from items');
      await assert.rejects(
        intake.submit(editor.principal, {
          channel: 'api',
          url: 'javascript:alert(1)',
          title: 'x'.repeat(1001),
          text: 'y'.repeat(100_001),
        }),
        (error: { problems?: { field: string }[] }) => {
          assert.deepEqual(error.problems?.map((p) => p.field).sort(), ['text', 'title', 'url']);
          return true;
        },
      );
      assert.equal(await count('select count(*) as n from items'), before);
    });

    test('the worker links items answered by a published check, answers their tips, groups near duplicates, queues the rest', async () => {
      const intake = createIntakeService(db.repos, clock);
      // Stored before any check exists: the pipeline must pick it up when it runs.
      const rumour = await intake.submit(editor.principal, { channel: 'api', text: RUMOUR });
      const check = await insertPublishedCheck(db.repos, db.database, {
        claimText: 'Nước máy phường Hạc Thành bị nhiễm độc chì, không dùng được để nấu ăn',
        title: 'Nước máy ở Hạc Thành nhiễm chì?',
      });
      await db.database.query(
        `insert into tips (receipt_digest, item_id, text, status) values ('test-digest-1', $1, $2, 'received')`,
        [rumour.item.id, RUMOUR],
      );
      const article = await intake.submit(editor.principal, { channel: 'api', text: ARTICLE });
      const copy = await intake.submit(editor.principal, {
        channel: 'api',
        text: `${ARTICLE} Cập nhật lúc 17 giờ.`,
      });
      assert.notEqual(article.item.id, copy.item.id);
      const other = await intake.submit(editor.principal, {
        channel: 'api',
        text: 'Giá vàng hôm nay tăng nhẹ ở các cửa hàng trong tỉnh, người mua vẫn đông',
      });

      const processor = createItemProcessor(db.repos, new CheckIndex(db.repos.pipeline), { clock });
      const report = await processor.drain();
      assert.ok(report.processed >= 4);
      assert.equal(await db.repos.pipeline.pendingCount(), 0);

      const linked = await db.repos.items.findById(rumour.item.id);
      assert.equal(linked?.status, 'linked');
      assert.equal(linked?.matchedCheckId, check.checkId);
      assert.ok((linked?.matchConfidence ?? 0) > 0.5);
      assert.deepEqual(await db.repos.claims.itemIds(check.claimId), [rumour.item.id]);
      const tip = await db.database.query<{ status: string; answer_check_id: string }>(
        `select status, answer_check_id from tips where receipt_digest = 'test-digest-1'`,
      );
      assert.deepEqual(tip.rows[0], { status: 'answered', answer_check_id: check.checkId });
      assert.equal(
        await count(`select count(*) as n from audit_events where action = 'tip.answered'`),
        1,
      );

      const a = await db.repos.items.findById(article.item.id);
      const b = await db.repos.items.findById(copy.item.id);
      assert.ok(a?.clusterId, 'near duplicates form a cluster');
      assert.equal(a?.clusterId, b?.clusterId);
      const o = await db.repos.items.findById(other.item.id);
      assert.equal(o?.status, 'queued');
      assert.notEqual(o?.clusterId ?? null, a?.clusterId);
      assert.ok(o.processedAt);

      // A new sighting of a processed item sends it back for re-scoring, not re-matching.
      const seenAgain = await intake.submit(editor.principal, { channel: 'staff', text: RUMOUR });
      assert.equal(seenAgain.item.processedAt, null);
      await processor.drain();
      const rescored = await db.repos.items.findById(rumour.item.id);
      assert.equal(rescored?.status, 'linked');
      assert.equal(rescored?.sightingsCount, 2);
      assert.ok(rescored?.processedAt);
    });

    test('watch terms and place names raise relevance and priority; old province names count', async () => {
      await db.database.query(`insert into watch_terms (term, folded) values ('sạt lở', 'sat lo')`);
      const intake = createIntakeService(db.repos, clock);
      const relevant = await intake.submit(editor.principal, {
        channel: 'api',
        text: 'Sat lo nghiem trong o xa Tra Leng, tinh Quang Nam, nhieu nha bi vui lap trong dem qua',
      });
      const plain = await intake.submit(editor.principal, {
        channel: 'api',
        text: 'Một cửa hàng mới khai trương bán đồ gia dụng với nhiều chương trình khuyến mãi hấp dẫn',
      });
      const processor = createItemProcessor(db.repos, new CheckIndex(db.repos.pipeline), {
        clock,
        homeProvinceCodes: ['48'],
      });
      await processor.drain();
      const a = await db.repos.items.findById(relevant.item.id);
      const b = await db.repos.items.findById(plain.item.id);
      assert.deepEqual(a?.watchTermHits, ['sạt lở']);
      assert.ok(a.places.length > 0, 'Quảng Nam (merged into Đà Nẵng, 48) is found');
      assert.ok(a.relevance > 0.5, `relevance ${a.relevance}`);
      assert.equal(b?.relevance, 0);
      assert.ok(a.priorityScore > b.priorityScore);
    });

    test('bulk intake assesses new items as it stores them; a re-polled feed adds nothing', async () => {
      const processor = createItemProcessor(db.repos, new CheckIndex(db.repos.pipeline), { clock });
      const now = new Date();
      const feed = (n: number) =>
        prepareItem(
          {
            channel: 'feed',
            url: `https://baotinh.example/bulk/${n}`,
            title: `Tin tổng hợp số ${n}`,
            text: `${ARTICLE} Bản tin số ${n} của chuyên mục thời sự buổi chiều.`,
            sightingKey: `feed:bulk:${n}`,
          },
          now,
        );
      const first = await processor.storeAndProcess(SYSTEM, [feed(1), feed(2), feed(1)]);
      assert.deepEqual(
        first.outcomes.map((o) => o.created),
        [true, true, false],
      );
      const stored = await Promise.all(
        first.outcomes.slice(0, 2).map((o) => db.repos.items.findById(o.itemId)),
      );
      for (const item of stored) {
        assert.equal(item?.status, 'queued');
        assert.ok(item?.processedAt, 'stored already assessed');
        assert.ok(item?.clusterId, 'near duplicates of each other share a cluster');
      }
      assert.equal(stored[0]?.clusterId, stored[1]?.clusterId);
      const clusters = await count('select count(*) as n from clusters');
      const again = await processor.storeAndProcess(SYSTEM, [feed(1), feed(2)]);
      assert.deepEqual(
        again.outcomes.map((o) => [o.created, o.counted]),
        [
          [false, false],
          [false, false],
        ],
      );
      assert.equal(await count('select count(*) as n from clusters'), clusters);
      assert.equal(
        await count(
          `select count(*) as n from audit_events where action in ('item.created', 'items.created')
          and (entity_id = $1 or data->'itemIds' ? $1)`,
          [stored[0]!.id],
        ),
        1,
      );
    });

    test('a bare link is fetched, its article read and matched: the tip behind it is answered', async () => {
      const check = await insertPublishedCheck(db.repos, db.database, {
        claimText: 'Cầu Thanh Hà bị nứt dầm chính, cấm toàn bộ xe qua lại trong sáu tháng',
      });
      const server = await startLocalServer((req, res) => {
        if (req.url === '/broken') {
          res.writeHead(500).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          '<html lang="vi"><head><title>Nóng: cầu Thanh Hà nứt dầm</title></head><body><article><h1>Nóng: cầu Thanh Hà nứt dầm</h1><p>Nhiều người chia sẻ rằng cầu Thanh Hà bị nứt dầm chính và sẽ cấm toàn bộ xe qua lại trong sáu tháng tới.</p><p>Liên hệ 0912 345 678 để biết thêm.</p></article></body></html>',
        );
      });
      try {
        const intake = createIntakeService(db.repos, clock);
        const link = await intake.submit(editor.principal, {
          channel: 'tip',
          url: `${server.origin}/bai/cau-thanh-ha`,
        });
        const broken = await intake.submit(editor.principal, {
          channel: 'tip',
          url: `${server.origin}/broken`,
        });
        await db.database.query(
          `insert into tips (receipt_digest, item_id, link, status) values ('test-digest-link', $1, $2, 'received')`,
          [link.item.id, link.item.url],
        );
        const processor = createItemProcessor(db.repos, new CheckIndex(db.repos.pipeline), {
          clock,
        });
        await processor.drain();
        const fetchPages = createLinkPageFetcher({
          repos: db.repos,
          fetcher: createGuardedFetcher({ allowList: ['127.0.0.1/32'] }),
          clock,
        });
        assert.equal(await fetchPages(), 2);
        assert.equal(await fetchPages(), 0, 'each page is fetched once');
        await processor.drain();

        const item = await db.repos.items.findById(link.item.id);
        assert.equal(item?.title, 'Nóng: cầu Thanh Hà nứt dầm');
        assert.match(item?.text ?? '', /nứt dầm chính/);
        assert.ok(
          !item?.text.includes('0912 345 678'),
          'personal data in fetched pages is redacted',
        );
        assert.equal(item?.status, 'linked');
        assert.equal(item?.matchedCheckId, check.checkId);
        const tip = await db.database.query<{ status: string }>(
          `select status from tips where receipt_digest = 'test-digest-link'`,
        );
        assert.equal(tip.rows[0]?.status, 'answered');
        const failed = await db.database.query<{ page_fetch_error: string }>(
          'select page_fetch_error from items where id = $1',
          [broken.item.id],
        );
        assert.match(failed.rows[0]?.page_fetch_error ?? '', /http-status/);
      } finally {
        await server.close();
      }
    });
  });
}
