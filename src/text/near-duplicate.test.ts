import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minhashSignature } from './fingerprint.js';
import {
  NearDuplicateIndex,
  candidateProbability,
  contentHash,
  optimalLshParams,
} from './near-duplicate.js';

const texts = {
  flood:
    'Mưa lớn kéo dài khiến lũ trên sông Gianh dâng cao, hàng nghìn ngôi nhà ở huyện Tuyên Hóa, ' +
    'tỉnh Quảng Bình bị ngập sâu. Chính quyền địa phương đã sơ tán hơn 3.000 người dân đến nơi ' +
    'an toàn và chuẩn bị lương thực, nước uống cho những ngày tới.',
  gold:
    'Sáng nay giá vàng SJC tăng thêm 500 nghìn đồng mỗi lượng, lên mức cao nhất trong ba tháng, ' +
    'theo bảng giá của Công ty Vàng bạc Đá quý Sài Gòn. Giới kinh doanh cho rằng giá vàng thế ' +
    'giới đi lên đã đẩy giá trong nước.',
  football:
    'Đội tuyển bóng đá Việt Nam đã thắng Thái Lan với tỉ số 2-1 trong trận chung kết tối qua tại ' +
    'sân Mỹ Đình. Tiến Linh ghi bàn quyết định ở phút 85 trước hơn 40.000 khán giả.',
};

// The same flood post re-shared: no diacritics, emoji, a link and a hashtag appended.
const repost =
  'Mua lon keo dai khien lu tren song Gianh dang cao, hang nghin ngoi nha o huyen Tuyen Hoa, ' +
  'tinh Quang Binh bi ngap sau. Chinh quyen dia phuong da so tan hon 3.000 nguoi dan den noi ' +
  'an toan va chuan bi luong thuc, nuoc uong cho nhung ngay toi 😢😢 https://fb.com/p/123';

void test('contentHash: same digest for a re-post differing in diacritics, case, emoji, URL', () => {
  const h = contentHash(texts.flood);
  assert.match(h, /^[0-9a-f]{16}$/);
  assert.equal(contentHash(repost), h);
  assert.equal(contentHash(texts.flood.toUpperCase().normalize('NFD')), h);
  assert.notEqual(contentHash(texts.gold), h);
});

void test('banding for threshold 0.5 catches 0.5 usually and 0.8 always, rarely 0.2', () => {
  const p = optimalLshParams(128, 0.5);
  assert.deepEqual(p, { bands: 32, rows: 4 });
  assert.ok(candidateProbability(0.5, p) > 0.85);
  assert.ok(candidateProbability(0.8, p) > 0.999);
  assert.ok(candidateProbability(0.2, p) < 0.06);
});

void test('the index finds a re-post with Jaccard ≈ 1 and not unrelated texts', () => {
  const index = new NearDuplicateIndex();
  for (const [id, text] of Object.entries(texts)) index.add(id, minhashSignature(text));
  assert.equal(index.size, 3);
  const hits = index.query(minhashSignature(repost));
  assert.equal(hits.length, 1);
  assert.equal(hits[0]?.id, 'flood');
  assert.ok((hits[0]?.jaccard ?? 0) > 0.95);
  assert.deepEqual(
    index.query(minhashSignature('Hà Nội nghiên cứu hạn chế xe máy trong nội đô từ năm 2030.')),
    [],
  );
});

void test('an edited copy is found above its Jaccard and below the cut-off is filtered', () => {
  const index = new NearDuplicateIndex();
  index.add('flood', minhashSignature(texts.flood));
  const edited = texts.flood.replace('hơn 3.000 người dân', 'khoảng 3.200 người dân');
  const [hit] = index.query(minhashSignature(edited));
  assert.ok(hit && hit.jaccard > 0.6 && hit.jaccard < 1, JSON.stringify(hit));
  assert.deepEqual(index.query(minhashSignature(edited), 0.99), []);
});

void test('remove takes an item out; re-adding replaces it', () => {
  const index = new NearDuplicateIndex();
  const sig = minhashSignature(texts.flood);
  index.add('flood', sig);
  index.add('flood', sig);
  assert.equal(index.size, 1);
  assert.equal(index.query(sig).length, 1);
  assert.equal(index.remove('flood'), true);
  assert.equal(index.remove('flood'), false);
  assert.equal(index.size, 0);
  assert.deepEqual(index.query(sig), []);
  assert.equal(index.candidates(sig).size, 0);
});

void test('rejects signatures of the wrong length', () => {
  const index = new NearDuplicateIndex();
  assert.throws(() => index.add('x', new Uint32Array(64)), RangeError);
  assert.throws(() => new NearDuplicateIndex({ lsh: { bands: 40, rows: 4 } }), RangeError);
});

test('firstMatch finds a near duplicate at once and gives up on boilerplate after maxChecks', () => {
  const index = new NearDuplicateIndex({ threshold: 0.5 });
  const base =
    'Ủy ban nhân dân tỉnh thông báo lịch cắt điện ở phường Trung Tâm từ 7 giờ đến 17 giờ ngày mai';
  for (let i = 0; i < 500; i++) {
    index.add(`boiler-${i}`, minhashSignature(`Bản tin chiều số ${i} của đài phát thanh tỉnh nhà`));
  }
  index.add('original', minhashSignature(base));
  const copy = index.firstMatch(minhashSignature(`${base}, mong người dân thông cảm`));
  assert.equal(copy?.id, 'original');
  assert.ok(copy.jaccard >= 0.5);
  assert.equal(
    index.firstMatch(minhashSignature('Giá lúa tăng mạnh ở đồng bằng'), 0.5, 10),
    undefined,
  );
  // The same answer as the exhaustive query when there is a match.
  assert.equal(
    index.query(minhashSignature(`${base}, mong người dân thông cảm`))[0]?.id,
    'original',
  );
});
