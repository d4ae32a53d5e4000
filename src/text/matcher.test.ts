import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ClaimMatcher, type MatchDocument, selectRank } from './matcher.js';
import { evaluateMatching } from './match-eval.js';

const CLAIMS: MatchDocument[] = [
  {
    id: 'vi-1',
    text: 'Uống nước chanh nóng mỗi sáng giúp chữa khỏi ung thư.',
    title: 'Nước chanh nóng không chữa được ung thư',
  },
  { id: 'vi-2', text: 'Người dân Hà Nội sẽ không được ra đường sau 22 giờ từ tháng sau.' },
  { id: 'vi-3', text: 'Bộ Y tế khuyến cáo không nên tiêm vắc xin cho trẻ dưới 5 tuổi.' },
  { id: 'vi-4', text: 'Thành phố Hồ Chí Minh cấm xe máy vào trung tâm từ năm 2025.' },
  { id: 'vi-5', text: 'Giá xăng sẽ tăng lên 40.000 đồng một lít vào tuần tới.', kind: 'open' },
  { id: 'en-1', text: 'Drinking hot lemon water every morning cures cancer.', language: 'en' },
  { id: 'en-2', text: 'The moon landing in 1969 was filmed in a studio.', language: 'en' },
];

function build(docs: readonly MatchDocument[] = CLAIMS): ClaimMatcher {
  const m = new ClaimMatcher();
  for (const d of docs) m.add(d);
  return m;
}

void test('a query without diacritics and with abbreviations finds the Vietnamese claim', () => {
  const m = build();
  assert.equal(m.match('nguoi dan HN ko dc ra duong sau 22h tu thang sau')[0]?.id, 'vi-2');
  assert.equal(m.match('tp HCM cam xe may vao trung tam tu nam 2025!!! 😱 #XeMay')[0]?.id, 'vi-4');
  assert.equal(m.match('uong nuoc chanh nong moi sang chua khoi ung thu')[0]?.id, 'vi-1');
});

void test('with and without diacritics score nearly alike', () => {
  const m = build();
  const a = m.match('Uống nước chanh nóng mỗi sáng giúp chữa khỏi ung thư')[0];
  const b = m.match('Uong nuoc chanh nong moi sang giup chua khoi ung thu')[0];
  assert.equal(a?.id, 'vi-1');
  assert.equal(b?.id, 'vi-1');
  assert.ok(Math.abs((a?.confidence ?? 0) - (b?.confidence ?? 0)) < 0.1);
});

void test('English queries are stemmed and stop words ignored', () => {
  const m = build();
  assert.equal(m.match('Does drinking hot lemon water cure cancer?')[0]?.id, 'en-1');
  assert.equal(m.match('they filmed the moon landings in a studio')[0]?.id, 'en-2');
});

void test('a typo in an unknown word still finds the claim', () => {
  const m = build();
  assert.equal(m.match('Drinking hot lemmon water cures cancr')[0]?.id, 'en-1');
});

void test('incremental add, update and remove', () => {
  const m = build();
  assert.equal(m.size, CLAIMS.length);
  assert.ok(m.has('vi-3'));
  assert.equal(m.remove('vi-3'), true);
  assert.equal(m.remove('vi-3'), false);
  assert.equal(m.has('vi-3'), false);
  assert.equal(m.size, CLAIMS.length - 1);
  assert.ok(
    !m
      .match('Bộ Y tế khuyến cáo không tiêm vắc xin cho trẻ dưới 5 tuổi')
      .some((c) => c.id === 'vi-3'),
  );
  m.add({ id: 'vi-3', text: 'Bộ Y tế khuyến cáo không nên tiêm vắc xin cho trẻ dưới 5 tuổi.' });
  assert.equal(m.match('bo y te khuyen cao ko tiem vac xin cho tre duoi 5 tuoi')[0]?.id, 'vi-3');
  // Update replaces the text.
  m.add({ id: 'vi-3', text: 'Ăn tỏi sống phòng được cúm gia cầm.' });
  assert.equal(m.size, CLAIMS.length);
  assert.equal(m.match('an toi song phong duoc cum gia cam')[0]?.id, 'vi-3');
  // Only a typo neighbour (tuoi → toi) links the old text to the new one: never an answer.
  assert.ok(
    m
      .match('tiem vac xin cho tre duoi 5 tuoi')
      .every((c) => c.id !== 'vi-3' || c.band === 'suggest'),
  );
});

void test('many removals compact the index and keep results right', () => {
  const m = new ClaimMatcher();
  for (let i = 0; i < 3000; i++)
    m.add({ id: `f-${i}`, text: `Tin đồn số ${i} về chuyện ${i % 7} ở xã ${i % 13}` });
  for (const d of CLAIMS) m.add(d);
  for (let i = 0; i < 3000; i++) m.remove(`f-${i}`);
  assert.equal(m.size, CLAIMS.length);
  for (let i = 0; i < 50; i++) m.add({ id: `g-${i}`, text: `Một tin đồn khác số ${i}` });
  assert.equal(m.match('nguoi dan ha noi khong duoc ra duong sau 22 gio')[0]?.id, 'vi-2');
});

/**
 * A large archive where a few syllables are in every claim (common terms) and the rest vary;
 * "khẩn" is in one claim of five up to 3,000, then in every one, so it turns common as it grows.
 */
function largeArchive(n: number, offset = 0): MatchDocument[] {
  const places = ['Hà Nội', 'Huế', 'Đà Nẵng', 'Cần Thơ', 'Hải Phòng', 'Nghệ An', 'Lào Cai'];
  const topics = ['giá xăng', 'học phí', 'vắc xin', 'bão lũ', 'điện lực', 'nước sạch', 'xe buýt'];
  const verbs = ['tăng', 'giảm', 'cấm', 'miễn', 'hoãn', 'mở lại', 'thu hồi'];
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    return {
      id: `l-${i}`,
      text: `${i < 3000 && i % 5 !== 0 ? '' : 'Khẩn: '}Người dân ${places[i % 7]} cho biết ${topics[(i >> 3) % 7]} sẽ ${verbs[(i >> 6) % 7]} từ ngày ${(i % 28) + 1} tháng ${(i % 12) + 1} năm ${2000 + (i % 26)} theo thông báo số ${i}`,
    };
  });
}

void test('in a large archive, common words are scored on candidates and results follow changes', () => {
  const queries = [
    'nguoi dan ha noi cho biet gia xang se tang tu ngay 5 thang 5 nam 2004 theo thong bao so 4',
    'Người dân Huế cho biết học phí sẽ giảm từ ngày 9 tháng 9 theo thông báo số 1000',
    'thông báo số 2999 về nước sạch',
    'khan: nguoi dan hue cho biet gia xang se tang tu ngay 16 thang 4 theo thong bao so 15',
  ];
  const grown = new ClaimMatcher();
  for (const d of largeArchive(3000)) grown.add(d);
  const before = queries.map((q) => grown.match(q, { limit: 3 }));
  assert.equal(before[0]![0]?.id, 'l-4');
  assert.equal(before[2]![0]?.id, 'l-2999');
  // Statistics change: the words that are common, and each claim's share of them, must follow.
  for (const d of largeArchive(1500, 3000)) grown.add(d);
  for (let i = 0; i < 3000; i += 2) grown.remove(`l-${i}`);
  const fresh = new ClaimMatcher();
  for (const d of largeArchive(4500)) {
    const i = Number(d.id.slice(2));
    if (i >= 3000 || i % 2 === 1) fresh.add(d);
  }
  assert.equal(fresh.size, grown.size);
  for (const q of queries) {
    const got = grown.match(q, { limit: 5 }).map((c) => [c.id, c.confidence.toFixed(6)]);
    const want = fresh.match(q, { limit: 5 }).map((c) => [c.id, c.confidence.toFixed(6)]);
    assert.deepEqual(got, want, q);
  }
  assert.notEqual(grown.match(queries[0]!, { limit: 1 })[0]?.id, 'l-4');
});

void test('selectRank gives the value a sort would put at each rank', () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (const n of [1, 2, 3, 10, 257, 2048]) {
    for (const duplicates of [false, true]) {
      const values = Float32Array.from({ length: n }, () =>
        duplicates ? Math.floor(random() * 5) : random(),
      );
      const sorted = Float32Array.from(values).sort();
      for (const rank of [0, n >> 1, n - 1, Math.floor(random() * n)]) {
        assert.equal(selectRank(Float32Array.from(values), rank), sorted[rank], `${n} ${rank}`);
      }
    }
  }
});

void test('a long text is matched sentence by sentence and says which sentence', () => {
  const m = build();
  const article = [
    'Sáng nay, nhiều người dân đã tập trung tại quảng trường để theo dõi buổi lễ khai mạc lễ hội mùa xuân.',
    'Ban tổ chức cho biết lễ hội năm nay có hơn hai trăm gian hàng đến từ các tỉnh phía Bắc.',
    'Các hoạt động văn hoá truyền thống như hát quan họ, múa rối nước được tổ chức suốt ba ngày.',
    'Nhiều du khách nước ngoài bày tỏ sự thích thú với các món ăn đặc sản địa phương.',
    'Trong khi đó, trên mạng xã hội lan truyền tin Thành phố Hồ Chí Minh cấm xe máy vào trung tâm từ năm 2025.',
    'Lễ hội sẽ kết thúc vào tối chủ nhật với chương trình bắn pháo hoa.',
  ].join(' ');
  const top = m.match(article)[0];
  assert.equal(top?.id, 'vi-4');
  assert.match(top?.matchedSentence ?? '', /cấm xe máy/);
});

void test('a headline is matched on its own, and a short summary under it is not split', () => {
  const m = build();
  const title = 'TP.HCM cấm xe máy vào trung tâm từ năm 2025';
  const body =
    'Sáng nay, nhiều người dân đã tập trung tại quảng trường để theo dõi buổi lễ khai mạc lễ hội mùa xuân. ' +
    'Ban tổ chức cho biết lễ hội năm nay có hơn hai trăm gian hàng đến từ các tỉnh phía Bắc. ' +
    'Các hoạt động văn hoá truyền thống như hát quan họ, múa rối nước được tổ chức suốt ba ngày. ' +
    'Nhiều du khách nước ngoài bày tỏ sự thích thú với các món ăn đặc sản địa phương.';
  const text = `${title}\n${body}`;
  // Whole, the headline's words are diluted by the summary; on its own it is a plain repeat.
  const whole = m.match(text, { sentences: false })[0];
  const headed = m.match(text, { title })[0];
  assert.equal(headed?.id, 'vi-4');
  assert.equal(headed?.matchedSentence, title);
  assert.equal(headed?.band, 'answer');
  assert.ok((headed?.confidence ?? 0) > (whole?.confidence ?? 0));
  // The summary (under 400 characters) is matched whole, not sentence by sentence: no sentence
  // of it is named, even though the whole text is longer than 400 characters.
  assert.ok(text.length >= 400 && body.length < 400);
  const unrelated = m.match(`Lễ hội mùa xuân khai mạc\n${body}`, {
    title: 'Lễ hội mùa xuân khai mạc',
  });
  for (const c of unrelated)
    assert.ok(c.matchedSentence === undefined || c.matchedSentence === 'Lễ hội mùa xuân khai mạc');
});

void test('confidence is in [0,1], non-increasing, and the band follows it', () => {
  const m = build();
  const exact = m.match('Thành phố Hồ Chí Minh cấm xe máy vào trung tâm từ năm 2025.');
  const partial = m.match('xe máy ở trung tâm thành phố');
  const unrelated = m.match('bóng đá Việt Nam thắng Thái Lan');
  for (const list of [exact, partial, unrelated]) {
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      assert.ok(c && c.confidence >= 0 && c.confidence <= 1);
      if (i > 0) assert.ok((list[i - 1]?.confidence ?? 0) >= (c?.confidence ?? 0));
    }
  }
  assert.equal(exact[0]?.band, 'answer');
  assert.ok((exact[0]?.confidence ?? 0) > (partial[0]?.confidence ?? 0));
  assert.ok((partial[0]?.confidence ?? 0) > (unrelated[0]?.confidence ?? 0));
  assert.notEqual(unrelated[0]?.band, 'answer');
  const bands = exact.map((c) => c.band);
  assert.deepEqual(bands, [...bands].sort()); // all 'answer' before any 'suggest'
});

void test('kinds filter and minConfidence', () => {
  const m = build();
  const q = 'gia xang tang len 40.000 dong mot lit tuan toi';
  assert.equal(m.match(q)[0]?.id, 'vi-5');
  assert.equal(m.match(q)[0]?.kind, 'open');
  assert.ok(m.match(q, { kinds: ['checked'] }).every((c) => c.id !== 'vi-5'));
  assert.ok(m.match(q, { minConfidence: 0.99999 }).every((c) => c.confidence >= 0.99999));
  assert.equal(m.match(q, { limit: 1 }).length, 1);
});

void test('empty and garbage queries return nothing or low confidence, never throw', () => {
  const m = build();
  for (const q of [
    '',
    '   ',
    '!!!???',
    '😱😱😱',
    'https://example.com/x',
    '\u200b\u200b',
    'zzzzqqq xkcdfoo',
  ]) {
    const r = m.match(q);
    assert.ok(
      r.every((c) => c.band === 'suggest'),
      q,
    );
  }
  assert.deepEqual(new ClaimMatcher().match('bất kỳ'), []);
});

void test('a plug-in reranker can reorder candidates', async () => {
  const m = build();
  const r = await m.matchReranked('nước chanh nóng, hot lemon water', {
    rerank: (_q, inputs) => inputs.map((i) => (i.document.id === 'en-1' ? 1 : 0)),
  });
  assert.equal(r[0]?.id, 'en-1');
});

const vnpara = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/data/vnpara/derived',
);

void test(
  'quality regression on a slice of vnPara (with and without diacritics)',
  { skip: !existsSync(vnpara) },
  async () => {
    const { loadVnPara } = await import('../../bench/lib/match-data.js');
    const withD = loadVnPara('text');
    const without = loadVnPara('text_no_diacritics');
    const ids = new Set(withD.queries.slice(0, 200).map((q) => q.id));
    const relevant = new Set<string>();
    for (const id of ids) for (const d of withD.qrels.get(id) ?? []) relevant.add(d);
    // The judged claims plus 800 others as distractors.
    const archive = withD.archive.filter((d, i) => relevant.has(d.id) || i % 3 === 0);
    const matcher = build(archive);
    const a = evaluateMatching({
      matcher,
      queries: withD.queries.filter((q) => ids.has(q.id)),
      qrels: withD.qrels,
    });
    const b = evaluateMatching({
      matcher,
      queries: without.queries.filter((q) => ids.has(q.id)),
      qrels: without.qrels,
    });
    assert.ok(a.map5 >= 0.85, `MAP@5 with diacritics ${a.map5}`);
    assert.ok(b.map5 >= a.map5 - 0.02, `MAP@5 without diacritics ${b.map5} vs ${a.map5}`);
    assert.ok(a.answer.precision >= 0.95, `answer precision ${a.answer.precision}`);
  },
);
