import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { findPlaces, loadGazetteer, type PlaceHit } from './gazetteer.js';

const gaz = loadGazetteer();

/** Diacritics removed, case kept: how much social-media text is typed. */
function plain(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** [words as written, unit name, current province code, strength] per hit. */
function brief(text: string): [string, string, string | null, string][] {
  return findPlaces(text).map((h) => [
    text.slice(h.start, h.end),
    h.name,
    h.currentProvinceCode,
    h.strength,
  ]);
}

function only(text: string): PlaceHit {
  const hits = findPlaces(text);
  assert.equal(hits.length, 1, `${text}: ${JSON.stringify(hits)}`);
  return hits[0] as PlaceHit;
}

describe('findPlaces: real sentences', () => {
  test('an old province maps to the current one: Quảng Nam is in Đà Nẵng now', () => {
    const text = 'Sạt lở nghiêm trọng ở xã Trà Leng, Quảng Nam khiến 3 người mất tích.';
    assert.deepEqual(brief(text), [
      ['xã Trà Leng', 'Xã Trà Leng', '48', 'strong'],
      ['Quảng Nam', 'Tỉnh Quảng Nam', '48', 'strong'],
    ]);
    const [commune, province] = findPlaces(text);
    assert.equal(province?.era, 'pre2025');
    assert.equal(province?.code, '49');
    assert.equal(province?.currentProvinceName, 'Thành phố Đà Nẵng');
    // The commune kept its name in the new Đà Nẵng: the current unit is reported.
    assert.equal(commune?.era, 'current');
    assert.equal(commune?.level, 'commune');
  });

  test('the same sentence typed without diacritics, in capitals, or in NFD', () => {
    const expected = [
      ['xa Tra Leng', '48', 'strong'],
      ['Quang Nam', '48', 'strong'],
    ];
    const text = 'Sat lo nghiem trong o xa Tra Leng, Quang Nam';
    assert.deepEqual(
      brief(text).map(([w, , p, s]) => [w, p, s]),
      expected,
    );
    const upper = 'SẠT LỞ NGHIÊM TRỌNG Ở XÃ TRÀ LENG, QUẢNG NAM';
    assert.deepEqual(
      brief(upper).map(([, , p, s]) => [p, s]),
      [
        ['48', 'strong'],
        ['48', 'strong'],
      ],
    );
    const nfd = 'Sạt lở ở xã Trà Leng, Quảng Nam'.normalize('NFD');
    const hits = findPlaces(nfd);
    assert.equal(hits.length, 2);
    assert.equal(nfd.slice(hits[1]?.start, hits[1]?.end), 'Quảng Nam'.normalize('NFD'));
  });

  test('Hồ Chí Minh City written every usual way', () => {
    for (const text of [
      'Mưa lớn ở TP.HCM chiều nay',
      'Mưa lớn ở Tp. HCM chiều nay',
      'Mưa lớn ở TP HCM chiều nay',
      'Mưa lớn ở TPHCM chiều nay',
      'mua lon o tp hcm chieu nay',
      'Mưa lớn ở thành phố Hồ Chí Minh chiều nay',
      'Mưa lớn ở TP Hồ Chí Minh chiều nay',
      'Mưa lớn ở Sài Gòn chiều nay',
      'Mưa lớn ở HCM chiều nay',
      'Heavy rain in Ho Chi Minh City',
    ]) {
      const hit = only(text);
      assert.equal(hit.code, '79', text);
      assert.equal(hit.era, 'current', text);
      assert.equal(hit.strength, 'strong', text);
    }
    const text = 'Mưa lớn ở TP.HCM chiều nay';
    const hit = only(text);
    assert.equal(text.slice(hit.start, hit.end), 'TP.HCM');
  });

  test('the type word decides between a province and the city or ward of the same name', () => {
    assert.deepEqual(brief('Ngập ở thành phố Bắc Giang'), [
      ['thành phố Bắc Giang', 'Thành phố Bắc Giang', '24', 'strong'],
    ]);
    assert.deepEqual(brief('Ngập ở phường Bắc Giang'), [
      ['phường Bắc Giang', 'Phường Bắc Giang', '24', 'strong'],
    ]);
    assert.deepEqual(brief('Ngập ở Bắc Giang'), [['Bắc Giang', 'Tỉnh Bắc Giang', '24', 'strong']]);
  });

  test('communes of today, and an old one when its district says so', () => {
    assert.deepEqual(brief('Cứu hộ ở xã Ba Chẽ, Quảng Ninh'), [
      ['xã Ba Chẽ', 'Xã Ba Chẽ', '22', 'strong'],
      ['Quảng Ninh', 'Tỉnh Quảng Ninh', '22', 'strong'],
    ]);
    assert.equal(only('Cứu hộ ở xã Ba Chẽ').code, '06970');
    assert.deepEqual(
      findPlaces('Đảo Phú Quốc nay là đặc khu Phú Quốc').map((h) => [h.name, h.era]),
      [
        ['Thành phố Phú Quốc', 'pre2025'], // bare: the well-known city
        ['Đặc khu Phú Quốc', 'current'], // typed: today's special zone
      ],
    );
    // Today's Phường Ba Đình is in Hà Nội; two former ones were in Thanh Hóa.
    const today = only('Họp dân ở phường Ba Đình');
    assert.deepEqual(
      [today.era, today.currentProvinceCode, today.strength],
      ['current', '01', 'strong'],
    );
    const [old] = findPlaces('Họp dân ở phường Ba Đình, thị xã Bỉm Sơn');
    assert.deepEqual([old?.era, old?.code, old?.currentProvinceCode], ['pre2025', '14812', '38']);
  });

  test('numbered districts and wards need their type word; a district locates its ward', () => {
    assert.deepEqual(brief('Cháy nhà ở quận 1 và Q3'), [
      ['quận 1', 'Quận 1', '79', 'strong'],
      ['Q3', 'Quận 3', '79', 'strong'],
    ]);
    const [ward] = findPlaces('Cháy nhà ở phường 1, quận 3, TP.HCM');
    assert.equal(ward?.name, 'Phường 1');
    assert.equal(gaz.unit(ward?.code ?? '', 'pre2025')?.districtCode, '770'); // Quận 3
    assert.equal(ward?.strength, 'strong');
    // "Phường 1" alone names dozens of wards: too common to place.
    assert.deepEqual(brief('Cháy nhà ở phường 1'), []);
    assert.deepEqual(brief('Có 1 người bị thương'), []);
  });

  test('a bare commune name is weak, strong with its province or its type word', () => {
    assert.deepEqual(brief('Người dân Mường Pồn đã được sơ tán'), [
      ['Mường Pồn', 'Xã Mường Pồn', '11', 'weak'],
    ]);
    assert.deepEqual(brief('Người dân Mường Pồn, Điện Biên đã được sơ tán').at(0)?.[3], 'strong');
    assert.deepEqual(brief('Người dân xã Mường Pồn đã được sơ tán').at(0)?.[3], 'strong');
  });

  test('a name shared by places in several provinces is reported for each, weak', () => {
    const hits = findPlaces('Mưa đá ở Tân Phú');
    assert.ok(hits.length >= 2);
    assert.ok(hits.every((h) => h.ambiguous && h.strength === 'weak'));
    assert.ok(new Set(hits.map((h) => h.currentProvinceCode)).size >= 2);
    // Naming the province settles it.
    assert.deepEqual(brief('Mưa đá ở Tân Phú, Đồng Nai'), [
      ['Tân Phú', 'Huyện Tân Phú', '75', 'strong'],
      ['Đồng Nai', 'Tỉnh Đồng Nai', '75', 'strong'],
    ]);
  });

  test('abbreviations and other spellings of provinces', () => {
    assert.equal(only('Kẹt xe ở HN').code, '01');
    assert.equal(only('Bão vào Thừa Thiên Huế').code, '46');
    assert.equal(only('Bão vào TT-Huế').code, '46');
    assert.equal(only('Tin từ BR-VT').currentProvinceCode, '79');
    assert.equal(only('Cà phê Daklak').code, '66');
    assert.equal(only('Đường lên Bắc Cạn').code, '06');
  });

  test('well-known cities count on their own and map to their province', () => {
    assert.deepEqual(brief('Du lịch Nha Trang và Đà Lạt'), [
      ['Nha Trang', 'Thành phố Nha Trang', '56', 'strong'],
      ['Đà Lạt', 'Thành phố Đà Lạt', '68', 'strong'],
    ]);
  });

  test('old tone placement, half diacritics and capitals are all the same name', () => {
    for (const text of [
      'Người dân tỉnh Hoà Bình',
      'Người dân tỉnh Hòa Bình',
      'NGUOI DAN TINH HOA BINH',
    ]) {
      const hit = only(text);
      assert.equal(hit.code, '17', text);
      assert.equal(hit.currentProvinceCode, '25', text); // Hòa Bình is part of Phú Thọ now
    }
    assert.equal(only('Lũ ở Quảng Ngai').code, '51');
  });
});

describe('findPlaces: false positives', () => {
  test('"hòa bình" meaning peace is not the province', () => {
    assert.deepEqual(brief('Nhân dân thế giới mong muốn hòa bình và hữu nghị'), []);
    assert.deepEqual(brief('Hòa bình là khát vọng của mọi dân tộc'), []);
    // Capitalised it may be the province, but without "tỉnh", "ở" or its neighbours only weakly.
    assert.deepEqual(brief('Lễ hội Hòa Bình'), [['Hòa Bình', 'Tỉnh Hoà Bình', '25', 'weak']]);
    assert.equal(only('Mưa lớn ở Hòa Bình').strength, 'strong');
    assert.equal(only('Mưa lớn tỉnh hòa bình').strength, 'strong');
    const [, hb] = findPlaces('Sạt lở ở huyện Mai Châu, Hòa Bình');
    assert.equal(hb?.strength, 'strong');
  });

  test('ordinary words that are also commune names are not places', () => {
    for (const text of [
      'An toàn giao thông là trách nhiệm của mọi người',
      'Chiến dịch thành công rực rỡ',
      'Các vấn đề liên quan đến văn hóa và an ninh',
      'Vinh quang thay cho những người lao động',
      'Hoa huệ nở trắng vườn',
      'hn mình đi chơi không', // "hn" is chat for "hôm nay"
      'Tin từ ĐN', // Đà Nẵng or Đồng Nai: left out on purpose
      'Một con tàu lớn trên Thái Bình Dương',
      'Lời dạy của Chủ tịch Hồ Chí Minh',
      'Giá vàng hôm nay tăng mạnh, nhà đầu tư lo ngại',
    ]) {
      assert.deepEqual(
        findPlaces(text).filter((h) => h.strength === 'strong'),
        [],
        text,
      );
    }
    assert.deepEqual(brief('An toàn giao thông là trách nhiệm của mọi người'), []);
  });

  test('streets named after places are not the places', () => {
    assert.deepEqual(brief('Cửa hàng trên phố Huế, quận Hai Bà Trưng'), [
      ['quận Hai Bà Trưng', 'Quận Hai Bà Trưng', '01', 'strong'],
    ]);
    assert.deepEqual(brief('Kẹt xe trên xa lộ Hà Nội'), []);
    assert.deepEqual(
      brief('Ùn tắc trên đường phố Hà Nội').map((h) => h[1]),
      ['Thành phố Hà Nội'],
    );
  });

  test('a name never spans punctuation', () => {
    // Not "Huyện Tân Phú Đông" (Tiền Giang).
    assert.ok(findPlaces('Tân Phú, Đông Hà').every((h) => h.name !== 'Huyện Tân Phú Đông'));
    assert.deepEqual(brief('Quảng. Nam'), []);
  });
});

describe('every province of both eras by its own name', () => {
  const provinces = gaz.units.filter((u) => u.level === 'province');

  test('63 pre-2025 and 34 current provinces', () => {
    assert.equal(provinces.filter((u) => u.era === 'pre2025').length, 63);
    assert.equal(provinces.filter((u) => u.era === 'current').length, 34);
  });

  for (const u of provinces) {
    test(`${u.era} ${u.code} ${u.shortName}`, () => {
      const typed = `${u.type.toLowerCase()} ${u.shortName}`;
      const forms = [
        u.shortName,
        plain(u.shortName),
        typed,
        plain(typed),
        u.shortName.toUpperCase(),
      ];
      for (const form of forms) {
        const text = `Tin nóng từ ${form} sáng nay`;
        const hit = only(text);
        assert.equal(hit.level, 'province', text);
        assert.equal(hit.currentProvinceCode, u.currentProvinceCode, text);
        assert.ok(text.slice(hit.start, hit.end).endsWith(form.split(' ').at(-1) ?? ''), text);
        const isTyped = form.toLowerCase() === typed.toLowerCase() || form === plain(typed);
        const ambiguous = ['Hoà Bình', 'Thái Bình', 'Hải Dương', 'Hồ Chí Minh', 'Bình Định'];
        const expected = isTyped || !ambiguous.includes(u.shortName) ? 'strong' : 'weak';
        assert.equal(hit.strength, expected, text);
        if (u.era === 'current') assert.equal(hit.code, u.code, text);
      }
    });
  }
});

describe('Gazetteer', () => {
  test('loadGazetteer is loaded once', () => {
    assert.equal(loadGazetteer(), gaz);
  });

  test('province codes of either era map to the current province', () => {
    assert.equal(gaz.toCurrentProvinceCode('49'), '48'); // Quảng Nam → Đà Nẵng
    assert.equal(gaz.toCurrentProvinceCode('45'), '44'); // Quảng Trị (old code) → Quảng Trị
    assert.equal(gaz.toCurrentProvinceCode('44'), '44'); // current Quảng Trị; old Quảng Bình too
    assert.equal(gaz.toCurrentProvinceCode('77'), '79'); // Bà Rịa - Vũng Tàu → Hồ Chí Minh
    assert.equal(gaz.toCurrentProvinceCode('01'), '01');
    assert.equal(gaz.toCurrentProvinceCode('99'), undefined);
  });

  test('units know their parents and what they became', () => {
    const commune = gaz.unit('00004', 'pre2025'); // Phường Trúc Bạch, Ba Đình, Hà Nội
    assert.equal(commune?.name, 'Phường Trúc Bạch');
    assert.equal(commune?.districtCode, '001');
    assert.equal(commune?.provinceCode, '01');
    assert.equal(commune?.currentProvinceCode, '01');
    assert.ok((commune?.currentCommuneCodes.length ?? 0) >= 1);
    assert.equal(gaz.unit('00004', 'current')?.name, 'Phường Ba Đình');
  });

  test('findPlaces over 2,000 characters stays fast after loading', () => {
    const sentence =
      'Mưa lớn kéo dài khiến xã Trà Leng, Quảng Nam bị sạt lở; người dân TP.HCM, Hà Nội và ' +
      'các tỉnh Thừa Thiên Huế, Quảng Trị, Gia Lai quyên góp ủng hộ đồng bào vùng lũ. ';
    const text = sentence.repeat(Math.ceil(2000 / sentence.length)).slice(0, 2000);
    for (let i = 0; i < 50; i++) gaz.findPlaces(text);
    const runs = 200;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) gaz.findPlaces(text);
    const perCall = (performance.now() - t0) / runs;
    // About 0.3 ms on one loaded CI core; the bound catches a matcher that stops being linear.
    assert.ok(perCall < 5, `${perCall.toFixed(3)} ms per call`);
  });
});
