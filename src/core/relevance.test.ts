import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadGazetteer } from '../text/gazetteer/gazetteer.js';
import { PhraseMatcher } from '../text/gazetteer/phrase-matcher.js';
import { RELEVANCE_WEIGHTS as W, scoreRelevance } from './relevance.js';

const gazetteer = loadGazetteer();
const watchTerms = ['sạt lở', 'vỡ đê', 'dịch tả lợn', 'lừa đảo', 'mã độc'];
const squash = (e: number) => 1 - Math.exp(-e);

describe('scoreRelevance', () => {
  test('nothing relevant scores 0', () => {
    const r = scoreRelevance(
      { title: 'Giá vàng hôm nay', text: 'Giá vàng tăng nhẹ trong phiên sáng.' },
      { watchTerms, gazetteer },
    );
    assert.deepEqual(r, { score: 0, watchTermHits: [], places: [], reasons: [] });
  });

  test('a watch term counts more in the title than in the text', () => {
    const inTitle = scoreRelevance(
      { title: 'Cảnh báo lừa đảo qua điện thoại', text: 'Nhiều người đã bị mất tiền.' },
      { watchTerms, gazetteer },
    );
    const inText = scoreRelevance(
      { title: 'Cảnh báo qua điện thoại', text: 'Nhiều người đã bị lừa đảo mất tiền.' },
      { watchTerms, gazetteer },
    );
    assert.equal(inTitle.score, squash(W.termTitle));
    assert.equal(inText.score, squash(W.termBody));
    assert.deepEqual(inTitle.watchTermHits, ['lừa đảo']);
    assert.deepEqual(inTitle.reasons, ['watch term "lừa đảo" in title']);
    assert.deepEqual(inText.reasons, ['watch term "lừa đảo" in text']);
  });

  test('terms match without diacritics; each term counts once', () => {
    const r = scoreRelevance(
      { title: 'CANH BAO SAT LO', text: 'sat lo, sạt lở và Sạt Lở nữa; nguy cơ vỡ đê' },
      { watchTerms, gazetteer },
    );
    assert.deepEqual(r.watchTermHits.sort(), ['sạt lở', 'vỡ đê']);
    assert.equal(r.score, squash(W.termTitle + W.termBody));
  });

  test('the home province counts more than another province, and old codes work', () => {
    const item = {
      title: 'Sạt lở nghiêm trọng',
      text: 'Sạt lở ở xã Trà Leng, Quảng Nam khiến nhiều nhà bị vùi lấp.',
    };
    const elsewhere = scoreRelevance(item, { watchTerms, gazetteer, homeProvinceCodes: ['51'] });
    const homeNew = scoreRelevance(item, { watchTerms, gazetteer, homeProvinceCodes: ['48'] });
    const homeOld = scoreRelevance(item, { watchTerms, gazetteer, homeProvinceCodes: ['49'] });
    assert.equal(elsewhere.score, squash(W.termTitle + W.placeBody));
    assert.equal(homeNew.score, squash(W.termTitle + W.homeBody));
    assert.equal(homeOld.score, homeNew.score);
    assert.ok(homeNew.score > elsewhere.score);
    assert.deepEqual(
      homeNew.places.map((p) => [p.name, p.currentProvinceCode, p.home]),
      [
        ['Xã Trà Leng', '48', true],
        ['Tỉnh Quảng Nam', '48', true],
      ],
    );
    assert.ok(homeNew.reasons.includes('home province Thành phố Đà Nẵng (Xã Trà Leng) in text'));
  });

  test('a place in the title counts more than in the text', () => {
    const title = scoreRelevance(
      { title: 'Mưa lớn ở Quảng Ngãi', text: 'Nhiều tuyến đường ngập sâu.' },
      { watchTerms, gazetteer },
    );
    const text = scoreRelevance(
      { title: 'Mưa lớn', text: 'Nhiều tuyến đường ở Quảng Ngãi ngập sâu.' },
      { watchTerms, gazetteer },
    );
    assert.equal(title.score, squash(W.placeTitle));
    assert.equal(text.score, squash(W.placeBody));
  });

  test('a place in the title locates a commune named in the text', () => {
    const r = scoreRelevance(
      { title: 'Lũ quét ở Điện Biên', text: 'Người dân Mường Pồn đã được sơ tán.' },
      { watchTerms, gazetteer, homeProvinceCodes: ['11'] },
    );
    assert.deepEqual(
      r.places.map((p) => p.name),
      ['Tỉnh Điện Biên', 'Xã Mường Pồn'],
    );
    // One province, counted once, at its best (the title).
    assert.equal(r.score, squash(W.homeTitle));
  });

  test('weak and ambiguous places do not count, except weakly in a home province', () => {
    const peace = scoreRelevance(
      { title: 'Thông điệp hòa bình', text: 'Thế giới cần hòa bình.' },
      { watchTerms, gazetteer, homeProvinceCodes: ['25'] },
    );
    assert.equal(peace.score, 0);
    const ambiguous = scoreRelevance(
      { title: 'Mưa đá', text: 'Mưa đá ở Tân Phú.' },
      { watchTerms, gazetteer, homeProvinceCodes: ['75'] },
    );
    assert.equal(ambiguous.score, 0);
    const weakHome = scoreRelevance(
      { title: 'Mưa đá', text: 'Người dân Mường Pồn đã được sơ tán.' },
      { watchTerms, gazetteer, homeProvinceCodes: ['11'] },
    );
    assert.equal(weakHome.score, squash(W.homeWeakBody));
    assert.deepEqual(weakHome.reasons, [
      'home province Tỉnh Điện Biên (Xã Mường Pồn) in text, weakly',
    ]);
    const weakElsewhere = scoreRelevance(
      { title: 'Mưa đá', text: 'Người dân Mường Pồn đã được sơ tán.' },
      { watchTerms, gazetteer },
    );
    assert.equal(weakElsewhere.score, 0);
  });

  test('a long list of other provinces is capped below one watch term', () => {
    const r = scoreRelevance(
      {
        title: 'Dự báo thời tiết',
        text: 'Mưa ở Hà Nội, Hải Phòng, Quảng Ninh, Nghệ An, Huế, Đà Nẵng, Quảng Ngãi, Gia Lai, Cần Thơ.',
      },
      { watchTerms, gazetteer },
    );
    assert.equal(r.places.length, 9);
    assert.equal(r.score, squash(W.placeCap));
    assert.ok(r.score < squash(W.termTitle));
  });

  test('a prebuilt matcher and a list give the same result', () => {
    const item = { title: 'Mã độc giả danh ngân hàng', text: 'Cảnh báo lừa đảo ở TP.HCM' };
    const a = scoreRelevance(item, { watchTerms, gazetteer, homeProvinceCodes: ['79'] });
    const b = scoreRelevance(item, {
      watchTerms: PhraseMatcher.fromPhrases(watchTerms),
      gazetteer,
      homeProvinceCodes: ['79'],
    });
    assert.deepEqual(a, b);
    assert.equal(a.score, squash(W.termTitle + W.termBody + W.homeBody));
  });
});
