import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../test/app.js';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { createTestUser, insertPublishedCheck, type TestUser } from '../../test/factories.js';
import { prepareItem } from '../core/intake.js';
import { storeItems } from '../core/intake.service.js';
import { normalizeReceiptCode, generateReceiptCode } from '../core/receipt-code.js';
import { issueChallenge, solveChallenge } from '../core/proof-of-work.js';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from '../core/webhook-signature.js';

interface Receipt {
  receiptCode: string;
  status: string;
  answer: { slug: string; rating: string } | null;
  related: unknown[];
  message: string;
}

for (const target of databaseTargets()) {
  describe(`intake API on ${target.kind}`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let admin: TestUser;
    let contributor: TestUser;

    before(async () => {
      db = await target.open();
      app = await buildTestApp(db, { TIP_RATE_PER_IP: '1000', TIP_RATE_GLOBAL: '100000' });
      admin = await createTestUser(db.repos, 'admin');
      contributor = await createTestUser(db.repos, 'contributor');
    });
    after(async () => {
      await app.close();
      await db.close();
    });

    const count = async (sql: string, params: unknown[] = []) =>
      Number((await db.database.query<{ n: string }>(sql, params)).rows[0]?.n);

    test('a tip gets a receipt code and, when a published check answers it, the answer at once', async () => {
      const check = await insertPublishedCheck(db.repos, db.database, {
        claimText: 'Uống nước chanh nóng mỗi sáng chữa khỏi bệnh ung thư giai đoạn cuối',
        rating: 'false',
      });
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/tips',
        payload: {
          text: 'Có phải uống nuoc chanh nong mỗi sáng chữa khỏi ung thư giai đoạn cuối không?',
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      const receipt = res.json<Receipt>();
      assert.equal(normalizeReceiptCode(receipt.receiptCode), receipt.receiptCode);
      assert.equal(receipt.status, 'answered');
      assert.equal(receipt.answer?.slug, check.slug);
      assert.equal(res.headers['cache-control'], 'no-store');

      const status = await app.inject(`/api/v1/tips/${receipt.receiptCode.toLowerCase()}`);
      assert.equal(status.statusCode, 200, status.body);
      assert.equal(status.json<{ answer: { slug: string } }>().answer.slug, check.slug);
      // Receipt codes are stored only as keyed digests.
      assert.equal(
        await count('select count(*) as n from tips where receipt_digest like $1', [
          `%${receipt.receiptCode}%`,
        ]),
        0,
      );
    });

    test('an unanswered tip says "not verified yet — do not share"; a wrong code is a plain 404', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/tips',
        payload: {
          link: 'https://mxh.example/bai/123?fbclid=abc',
          text: 'Ảnh chụp cây cầu bị sập ở xã Tân Hòa',
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      const receipt = res.json<Receipt>();
      assert.equal(receipt.status, 'received');
      assert.equal(receipt.answer, null);
      assert.match(receipt.message, /CHƯA ĐƯỢC KIỂM CHỨNG/);
      const item = await db.database.query<{ canonical_url: string; channel: string }>(
        `select i.canonical_url, i.channel from tips t join items i on i.id = t.item_id
         where t.status = 'received' order by t.created_at desc limit 1`,
      );
      assert.deepEqual(item.rows[0], {
        canonical_url: 'https://mxh.example/bai/123',
        channel: 'tip',
      });

      for (const code of [generateReceiptCode(), 'KC-0000-0000-0000-1', 'nonsense']) {
        const lookup = await app.inject(`/api/v1/tips/${encodeURIComponent(code)}`);
        assert.equal(lookup.statusCode, 404);
      }
    });

    test('contact data needs consent and is stored encrypted', async () => {
      const refused = await app.inject({
        method: 'POST',
        url: '/api/v1/tips',
        payload: { text: 'Tin nhắn lừa đảo trúng thưởng xe máy', contact: '0912 345 678' },
      });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /consent/);

      const ok = await app.inject({
        method: 'POST',
        url: '/api/v1/tips',
        payload: {
          text: 'Tin nhắn lừa đảo trúng thưởng xe máy gửi tới nhiều người',
          contact: '0912 345 678',
          consent: true,
        },
      });
      assert.equal(ok.statusCode, 201, ok.body);
      const stored = await db.database.query<{ contact_encrypted: string }>(
        `select contact_encrypted from tips where contact_encrypted is not null`,
      );
      assert.equal(stored.rows.length, 1);
      assert.match(stored.rows[0]!.contact_encrypted, /^v1\./);
      assert.ok(!stored.rows[0]!.contact_encrypted.includes('0912'));
    });

    test('the honeypot field stores nothing; oversized and unknown fields are refused', async () => {
      const before = await count('select count(*) as n from tips');
      const bot = await app.inject({
        method: 'POST',
        url: '/api/v1/tips',
        payload: { text: 'spam spam', website: 'http://spam.example' },
      });
      assert.equal(bot.statusCode, 201);
      assert.equal(await count('select count(*) as n from tips'), before);

      const huge = await app.inject({
        method: 'POST',
        url: '/api/v1/tips',
        payload: { text: 'x'.repeat(5001) },
      });
      assert.equal(huge.statusCode, 400);
      const unknown = await app.inject({
        method: 'POST',
        url: '/api/v1/tips',
        payload: { text: 'abc', name: 'Nguyễn Văn A' },
      });
      assert.equal(unknown.statusCode, 400);
      const empty = await app.inject({ method: 'POST', url: '/api/v1/tips', payload: {} });
      assert.equal(empty.statusCode, 400);
      assert.equal(await count('select count(*) as n from tips'), before);
    });

    test('a staff report carries its note and reporter', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: contributor.headers,
        payload: { url: 'https://mxh.example/video/9', note: 'Thấy trong nhóm Zalo của phường' },
      });
      assert.equal(res.statusCode, 201, res.body);
      const { item } = res.json<{ item: { id: string; channel: string } }>();
      assert.equal(item.channel, 'staff');
      const [sighting] = await db.repos.items.sightings(item.id);
      assert.equal(sighting?.note, 'Thấy trong nhóm Zalo của phường');
      assert.equal(sighting?.reportedById, contributor.user.id);
      const anonymous = await app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        payload: { url: 'https://mxh.example/video/10' },
      });
      assert.equal(anonymous.statusCode, 401);
    });

    test('the same item 50 times at once through tips, reports and feeds is one item with 50 sightings', async () => {
      const text =
        'Cảnh báo: từ mai cấm toàn bộ xe máy vào trung tâm thành phố, ai vi phạm phạt 5 triệu';
      const now = new Date();
      const requests = Array.from({ length: 50 }, (_, i) => {
        if (i % 3 === 0) {
          return app.inject({ method: 'POST', url: '/api/v1/tips', payload: { text } });
        }
        if (i % 3 === 1) {
          return app.inject({
            method: 'POST',
            url: '/api/v1/reports',
            headers: contributor.headers,
            payload: { text, note: `báo cáo ${i}` },
          });
        }
        const prepared = prepareItem(
          { channel: 'feed', text, sightingKey: `feed:source-${i}:entry` },
          now,
        );
        return db.repos.transaction((tx) =>
          storeItems(tx, { kind: 'system', id: null }, now, [prepared]),
        );
      });
      const results = await Promise.all(requests);
      for (const r of results) {
        if ('statusCode' in r) assert.ok([200, 201].includes(r.statusCode), r.body);
      }
      const rows = await db.database.query<{ id: string; sightings_count: number }>(
        `select id, sightings_count from items where folded_text like '%cam toan bo xe may%'`,
      );
      assert.equal(rows.rows.length, 1);
      assert.equal(Number(rows.rows[0]!.sightings_count), 50);
      assert.equal(
        await count('select count(*) as n from item_sightings where item_id = $1', [
          rows.rows[0]!.id,
        ]),
        50,
      );
      assert.equal(
        await count(
          `select count(*) as n from audit_events where action = 'item.created' and entity_id = $1`,
          [rows.rows[0]!.id],
        ),
        1,
      );
    });

    test('API tokens carry scopes; unknown scopes are refused', async () => {
      const unknown = await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: admin.headers,
        payload: { name: 'bad', scopes: ['items.create', 'everything'] },
      });
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.body, /unknown scope\(s\): everything/);

      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: admin.headers,
        payload: { name: 'intake only', scopes: ['items.create'], expiresInDays: 30 },
      });
      assert.equal(created.statusCode, 201, created.body);
      const { token, id } = created.json<{ token: string; id: string }>();
      const scoped = { authorization: `Bearer ${token}` };
      const item = await app.inject({
        method: 'POST',
        url: '/api/v1/items',
        headers: scoped,
        payload: { text: 'Tin từ hệ thống khác qua token có phạm vi' },
      });
      assert.equal(item.statusCode, 201, item.body);
      const claim = await app.inject({
        method: 'POST',
        url: '/api/v1/claims',
        headers: scoped,
        payload: { text: 'Nhận định không được phép tạo bằng token này' },
      });
      assert.equal(claim.statusCode, 403);
      assert.match(claim.body, /scopes do not include claims.create/);

      const revoked = await app.inject({
        method: 'DELETE',
        url: `/api/v1/tokens/${id}`,
        headers: admin.headers,
      });
      assert.equal(revoked.statusCode, 204);
      const after = await app.inject({
        method: 'POST',
        url: '/api/v1/items',
        headers: scoped,
        payload: { text: 'Sau khi thu hồi' },
      });
      assert.equal(after.statusCode, 401);
    });

    test('the signed webhook accepts a fresh, correctly signed delivery once and nothing else', async () => {
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/integrations',
        headers: admin.headers,
        payload: { name: 'Hệ thống đường dây nóng' },
      });
      assert.equal(created.statusCode, 201, created.body);
      const { id, secret } = created.json<{ id: string; secret: string }>();
      const deliver = (body: string, header: string) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/webhooks/${id}`,
          headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: header },
          payload: body,
        });
      const body = JSON.stringify({
        items: [
          { id: 'hotline-1', text: 'Người gọi báo tin đồn đóng cửa chợ Lam Sơn ba ngày' },
          { id: 'hotline-2', url: 'https://mxh.example/p/77' },
        ],
      });
      const now = new Date();
      const ok = await deliver(body, signWebhook(body, secret, now));
      assert.equal(ok.statusCode, 202, ok.body);
      assert.equal(ok.json<{ items: unknown[] }>().items.length, 2);

      const replay = await deliver(body, signWebhook(body, secret, now));
      assert.equal(replay.statusCode, 401);
      const tampered = await deliver(
        body.replace('ba ngày', 'bốn ngày'),
        signWebhook(body, secret, new Date()),
      );
      assert.equal(tampered.statusCode, 401);
      assert.match(tampered.body, /bad-signature/);
      const old = await deliver(body, signWebhook(body, secret, new Date(Date.now() - 3_600_000)));
      assert.equal(old.statusCode, 401);
      assert.match(old.body, /timestamp-outside-window/);
      const unsigned = await deliver(body, '');
      assert.equal(unsigned.statusCode, 401);
      const malformed = await deliver(
        '{"items": [',
        signWebhook('{"items": [', secret, new Date()),
      );
      assert.equal(malformed.statusCode, 400);

      const before = await count('select count(*) as n from items');
      const badItem = JSON.stringify({
        items: [
          { id: 'ok-3', text: 'Tin hợp lệ' },
          { id: 'bad-4', url: 'ftp://x.example/a' },
        ],
      });
      const partial = await deliver(badItem, signWebhook(badItem, secret, new Date()));
      assert.equal(partial.statusCode, 400);
      assert.match(partial.body, /items\[1\]\.url/);
      assert.equal(await count('select count(*) as n from items'), before, 'nothing partial');
    });

    test('proof-of-work, when configured, is required, checked and single-use', async () => {
      const strict = await buildTestApp(db, {
        TIP_POW_BITS: '8',
        // Limits are counted in the database: this second app shares the first one's counts.
        TIP_RATE_PER_IP: '1000',
      });
      try {
        const without = await strict.inject({
          method: 'POST',
          url: '/api/v1/tips',
          payload: { text: 'Tin cần bằng chứng công việc' },
        });
        assert.equal(without.statusCode, 400);
        const { challenge } = (await strict.inject('/api/v1/tips/challenge')).json<{
          challenge: string;
        }>();
        const nonce = solveChallenge(challenge, 8);
        const ok = await strict.inject({
          method: 'POST',
          url: '/api/v1/tips',
          payload: { text: 'Tin cần bằng chứng công việc', pow: { challenge, nonce } },
        });
        assert.equal(ok.statusCode, 201, ok.body);
        const reused = await strict.inject({
          method: 'POST',
          url: '/api/v1/tips',
          payload: { text: 'Tin khác dùng lại lời giải', pow: { challenge, nonce } },
        });
        assert.equal(reused.statusCode, 400);
        assert.match(reused.body, /already used/);
        const forged = issueChallenge({
          secret: 'another-secret-'.repeat(4),
          difficultyBits: 8,
          now: new Date(),
          ttlMs: 60_000,
        });
        const bad = await strict.inject({
          method: 'POST',
          url: '/api/v1/tips',
          payload: {
            text: 'Tin với thử thách giả',
            pow: { challenge: forged.challenge, nonce: solveChallenge(forged.challenge, 8) },
          },
        });
        assert.equal(bad.statusCode, 400);
        assert.match(bad.body, /bad-signature/);
      } finally {
        await strict.close();
      }
    });

    test('a tip flood from one address is throttled while another address gets through', async () => {
      const limited = await buildTestApp(db, { TIP_RATE_PER_IP: '3', TRUST_PROXY: 'true' });
      try {
        const send = (ip: string, i: number) =>
          limited.inject({
            method: 'POST',
            url: '/api/v1/tips',
            headers: { 'x-forwarded-for': ip },
            payload: { text: `Tin lũ lụt số ${i} từ một địa chỉ` },
          });
        const codes: number[] = [];
        for (let i = 0; i < 6; i++) codes.push((await send('203.0.113.7', i)).statusCode);
        assert.deepEqual(codes, [201, 201, 201, 429, 429, 429]);
        const other = await send('198.51.100.9', 99);
        assert.equal(other.statusCode, 201);
        const problem = (await send('203.0.113.7', 7)).json<{ code: string; status: number }>();
        assert.equal(problem.code, 'rate_limited');
      } finally {
        await limited.close();
      }
    });
  });
}
