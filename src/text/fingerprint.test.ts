import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EMPTY_SLOT,
  estimateJaccard,
  fnv1a64Hex,
  hammingDistance64,
  isEmptySignature,
  minhashFromHashes,
  minhashSignature,
  simhash64,
} from './fingerprint.js';

const article =
  'Mưa lớn kéo dài khiến lũ trên sông Gianh dâng cao, hàng nghìn ngôi nhà ở huyện Tuyên Hóa, ' +
  'tỉnh Quảng Bình bị ngập sâu. Chính quyền địa phương đã sơ tán hơn 3.000 người dân đến nơi an ' +
  'toàn và chuẩn bị lương thực, nước uống cho những ngày tới. Theo đài khí tượng thủy văn, mực ' +
  'nước sông có thể tiếp tục lên trong đêm nay trước khi rút dần vào cuối tuần.';

const otherArticle =
  'Sáng nay giá vàng SJC tăng thêm 500 nghìn đồng mỗi lượng, lên mức cao nhất trong ba tháng, ' +
  'theo bảng giá của Công ty Vàng bạc Đá quý Sài Gòn. Giới kinh doanh cho rằng giá vàng thế giới ' +
  'đi lên và nhu cầu mua vào dịp cuối năm đã đẩy giá trong nước.';

void test('FNV-1a 64 matches the reference vectors', () => {
  assert.equal(fnv1a64Hex(''), 'cbf29ce484222325');
  assert.equal(fnv1a64Hex('a'), 'af63dc4c8601ec8c');
  assert.equal(fnv1a64Hex('foobar'), '85944171f73967e8');
});

void test('signature is deterministic and has the requested length', () => {
  const a = minhashSignature(article);
  assert.equal(a.length, 128);
  assert.deepEqual(a, minhashSignature(article));
  assert.equal(minhashSignature(article, { numHashes: 64 }).length, 64);
});

void test('a re-post without diacritics, in NFD, with emoji and a link, is the same text', () => {
  const repost = `${article.normalize('NFD')} 😡😡 https://example.com/bai-viet?id=1`;
  const plain = article.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
  const base = minhashSignature(article);
  assert.ok(estimateJaccard(base, minhashSignature(repost)) >= 0.95);
  assert.ok(estimateJaccard(base, minhashSignature(plain)) >= 0.95);
});

void test('estimated Jaccard tracks the true one and separates unrelated texts', () => {
  const base = minhashSignature(article);
  assert.ok(estimateJaccard(base, minhashSignature(otherArticle)) < 0.05);
  // Half the text: true Jaccard of 3-shingles is about 0.5.
  const words = article.split(' ');
  const half = words.slice(0, Math.floor(words.length / 2)).join(' ');
  const j = estimateJaccard(base, minhashSignature(half));
  assert.ok(j > 0.3 && j < 0.7, `estimate ${j}`);
});

void test('one-permutation estimate is unbiased on known sets', () => {
  // |A ∩ B| = 600, |A ∪ B| = 1000 → J = 0.6.
  const a = Uint32Array.from({ length: 800 }, (_, i) => i);
  const b = Uint32Array.from({ length: 800 }, (_, i) => i + 200);
  let sum = 0;
  for (let seed = 0; seed < 20; seed++) {
    sum += estimateJaccard(minhashFromHashes(a, 128, seed), minhashFromHashes(b, 128, seed));
  }
  assert.ok(Math.abs(sum / 20 - 0.6) < 0.03, `mean ${sum / 20}`);
});

void test('short texts are densified; empty texts match nothing', () => {
  const sig = minhashSignature('tin giả');
  assert.ok(!sig.includes(EMPTY_SLOT));
  const empty = minhashSignature('   😀 https://x.vn ');
  assert.ok(isEmptySignature(empty));
  assert.equal(estimateJaccard(empty, empty), 0);
  assert.throws(() => estimateJaccard(sig, new Uint32Array(64)), RangeError);
});

void test('SimHash: near-identical texts differ in few bits, unrelated in many', () => {
  const a = simhash64(article);
  assert.ok(hammingDistance64(a, simhash64(`${article} 🙂`)) <= 3);
  assert.ok(hammingDistance64(a, simhash64(otherArticle)) >= 16);
  assert.equal(hammingDistance64(a, a), 0);
});
