/**
 * The gazetteer: Vietnam's administrative units before and after the reform of 1 July 2025, and
 * findPlaces(), which finds the places a text names. Matching is on folded syllables (Quang Ngai =
 * Quảng Ngãi = QUẢNG NGÃI = NFD or old tone placement), reads the type word before a name (tỉnh,
 * TP., xã, phường, quận …), knows the common abbreviations (TP.HCM, HN, Sài Gòn, BR-VT) and maps
 * every old unit to the province it belongs to now (Quảng Nam → Đà Nẵng).
 *
 * Strength. A province named bare is strong: province names are distinctive. A commune or district
 * named bare is weak: thousands share names with each other (Tân Phú, Tân Thành) and with ordinary
 * words (Hòa Bình is also "peace", An Toàn "safe"); it becomes strong when its type word precedes
 * it ("xã Trà Leng") or its province (or district) is named in the same text ("Trà Leng, Quảng
 * Nam"). In detail:
 * - bare commune and district names count only when capitalised as in the official name, and not
 *   at all when numbered ("Phường 1"), of one syllable ("Vinh") or an everyday word ("Thành Công");
 * - a few province names are also words or a person (Hòa Bình, Thái Bình, Hải Dương, Bình Định,
 *   Hồ Chí Minh): bare, they must be capitalised and are weak unless "ở"/"tại" precedes them or a
 *   place inside them is named;
 * - well-known cities (Nha Trang, Đà Lạt, Vũng Tàu …) are as strong as provinces;
 * - a name after "phố", "đường", "ngõ", "hẻm", "xa lộ" … is a street, not the place;
 * - a name of units in several provinces is reported for each, weak; more than five readings and
 *   it is not reported at all (xã Tân Thành: 67 units);
 * - a name that exists both now and before 2025 is read as today's unit unless the text's other
 *   places point to the old one.
 */
import { readFileSync } from 'node:fs';
import {
  accentCompatible as importedAccentCompatible,
  accentForm as importedAccentForm,
  PhraseMatcher,
  tokenizeWithOffsets as importedTokenizeWithOffsets,
  type TextToken,
} from './phrase-matcher.js';

// Local bindings: calls through imported bindings cost a getter each under the tsx/esbuild loader.
const accentCompatible = importedAccentCompatible;
const accentForm = importedAccentForm;
const tokenizeWithOffsets = importedTokenizeWithOffsets;

/** Province (tỉnh, thành phố trực thuộc trung ương), district (pre-2025 only) or commune (xã, phường, thị trấn, đặc khu). */
export type PlaceLevel = 'province' | 'district' | 'commune';
/** 'current': units after 1 July 2025; 'pre2025': units before it (as of 1 March 2025). */
export type PlaceEra = 'current' | 'pre2025';
/** How sure findPlaces is that the words name this place: see the module comment. */
export type PlaceStrength = 'strong' | 'weak';

/** One administrative unit of either era. */
export interface AdminUnit {
  code: string;
  /** Official name with its type: "Xã Trà Leng", "Thành phố Hồ Chí Minh". */
  name: string;
  /** Name without the type: "Trà Leng", "Hồ Chí Minh". */
  shortName: string;
  /** Tỉnh, Thành phố, Huyện, Quận, Thị xã, Xã, Phường, Thị trấn or Đặc khu. */
  type: string;
  level: PlaceLevel;
  era: PlaceEra;
  /** Province of its own era (its own code for a province). */
  provinceCode: string;
  /** Pre-2025 district of a pre-2025 commune (its own code for a district); null otherwise. */
  districtCode: string | null;
  /** The current province it is (or went) in; null if its parts went to several provinces. */
  currentProvinceCode: string | null;
  /** For a pre-2025 commune: the current communes it went into (several when it was split). */
  currentCommuneCodes: readonly string[];
}

/** A place named in a text. */
export interface PlaceHit {
  code: string;
  name: string;
  shortName: string;
  type: string;
  level: PlaceLevel;
  era: PlaceEra;
  currentProvinceCode: string | null;
  currentProvinceName: string | null;
  /** UTF-16 offsets in the text, end exclusive; the span includes a type word before the name. */
  start: number;
  end: number;
  strength: PlaceStrength;
  /**
   * The same words could name several units, each reported as its own hit with the same span;
   * they are strong only when all of them lie in one current province.
   */
  ambiguous: boolean;
}

/** The gazetteer's units and the place finder built over them. */
export interface Gazetteer {
  readonly units: readonly AdminUnit[];
  /** The unit with this code in this era. */
  unit(code: string, era: PlaceEra): AdminUnit | undefined;
  /**
   * The current province code for a province code of either era (old codes are mapped: 49 Quảng
   * Nam → 48 Đà Nẵng). Every code used by both eras maps to itself, so this is unambiguous.
   */
  toCurrentProvinceCode(code: string): string | undefined;
  /** The places a text names, in text order. */
  findPlaces(text: string): PlaceHit[];
  /** {@link findPlaces} over the text's tokens (tokenizeWithOffsets), for callers that have them. */
  findPlacesInTokens(tokens: readonly TextToken[]): PlaceHit[];
}

/** The shipped data file, as written by scripts/build-gazetteer.mjs (format 1). */
export interface GazetteerData {
  format: number;
  types: string[];
  current: GazetteerColumns;
  pre2025: GazetteerColumns & { currentProvince: string; currentCommunes: string };
}

/** One era's units, one string per field: see scripts/build-gazetteer.mjs. */
export interface GazetteerColumns {
  code: string;
  name: string;
  type: string;
  parent: string;
}

// ---------------------------------------------------------------------------------------------
// The product's own knowledge of how places are written.

interface TypeWord {
  types: readonly string[];
  levels: readonly PlaceLevel[];
}

/** Type words before a name; matched strictly ("xa" may be xã, "xà" may not). */
const TYPE_WORDS: readonly [string, TypeWord][] = [
  ['tỉnh', { types: ['Tỉnh'], levels: ['province'] }],
  ['thành phố', { types: ['Thành phố'], levels: ['province', 'district'] }],
  ['tp', { types: ['Thành phố'], levels: ['province', 'district'] }],
  ['huyện', { types: ['Huyện'], levels: ['district'] }],
  ['h', { types: ['Huyện'], levels: ['district'] }],
  ['quận', { types: ['Quận'], levels: ['district'] }],
  ['q', { types: ['Quận'], levels: ['district'] }],
  ['thị xã', { types: ['Thị xã'], levels: ['district'] }],
  ['tx', { types: ['Thị xã'], levels: ['district'] }],
  ['xã', { types: ['Xã'], levels: ['commune'] }],
  ['phường', { types: ['Phường'], levels: ['commune'] }],
  ['p', { types: ['Phường'], levels: ['commune'] }],
  ['thị trấn', { types: ['Thị trấn'], levels: ['commune'] }],
  ['tt', { types: ['Thị trấn'], levels: ['commune'] }],
  ['đặc khu', { types: ['Đặc khu'], levels: ['commune'] }],
];

interface AliasSpec {
  phrase: string;
  /** Short name of the units it stands for. */
  target: string;
  type?: string;
  /** Only when written in capitals: "hn" is also chat for "hôm nay". */
  upper?: boolean;
}

/**
 * Other ways of writing a province. "ĐN" is left out on purpose: Đà Nẵng or Đồng Nai. "Hồ Chí
 * Minh" alone is a person as often as a city: it counts as the city with TP/thành phố before it.
 */
const ALIASES: readonly AliasSpec[] = [
  { phrase: 'HCM', target: 'Hồ Chí Minh' },
  { phrase: 'TPHCM', target: 'Hồ Chí Minh' },
  { phrase: 'HCMC', target: 'Hồ Chí Minh' },
  { phrase: 'HCM City', target: 'Hồ Chí Minh' },
  { phrase: 'Ho Chi Minh City', target: 'Hồ Chí Minh' },
  { phrase: 'Sài Gòn', target: 'Hồ Chí Minh' },
  { phrase: 'Saigon', target: 'Hồ Chí Minh' },
  { phrase: 'SG', target: 'Hồ Chí Minh', upper: true },
  { phrase: 'HN', target: 'Hà Nội', upper: true },
  { phrase: 'Hanoi', target: 'Hà Nội' },
  { phrase: 'Danang', target: 'Đà Nẵng' },
  { phrase: 'Haiphong', target: 'Hải Phòng' },
  { phrase: 'Cantho', target: 'Cần Thơ' },
  { phrase: 'Thừa Thiên Huế', target: 'Huế' },
  { phrase: 'TT Huế', target: 'Huế' },
  { phrase: 'BRVT', target: 'Bà Rịa - Vũng Tàu', upper: true },
  { phrase: 'BR VT', target: 'Bà Rịa - Vũng Tàu', upper: true },
  { phrase: 'Daklak', target: 'Đắk Lắk' },
  { phrase: 'Đắc Lắc', target: 'Đắk Lắk' },
  { phrase: 'Daknong', target: 'Đắk Nông' },
  { phrase: 'Đắc Nông', target: 'Đắk Nông' },
  { phrase: 'Kontum', target: 'Kon Tum' },
  { phrase: 'Bắc Cạn', target: 'Bắc Kạn' },
  // Hồ Chí Minh City's numbered districts until 2025 (2 and 9 went into Thủ Đức in 2021): Q1, Q.1.
  ...[1, 3, 4, 5, 6, 7, 8, 10, 11, 12].map((n) => ({
    phrase: `Q${n}`,
    target: `${n}`,
    type: 'Quận',
  })),
];

/** Phrases that contain a place name but are not places. */
const NOT_PLACES: readonly string[] = [
  'Thái Bình Dương', // the Pacific Ocean
  'Chủ tịch Hồ Chí Minh',
  'Bác Hồ Chí Minh',
  'tư tưởng Hồ Chí Minh',
  'đường mòn Hồ Chí Minh',
  'Cộng sản Hồ Chí Minh',
];

/** Province names that are also ordinary words or a person: weak unless typed, located or supported. */
const AMBIGUOUS_PROVINCES = new Set(
  ['Hòa Bình', 'Thái Bình', 'Hải Dương', 'Hồ Chí Minh', 'Bình Định'].map((n) =>
    foldTokens(tokenizeWithOffsets(n)),
  ),
);

/**
 * Commune and district names that are everyday words (collected from where they appear in lower
 * case in Vietnamese news): they count only after their type word.
 */
const COMMON_WORD_NAMES = new Set(
  [
    'An Bình',
    'An Ninh',
    'An Sinh',
    'An Toàn',
    'Bảo An',
    'Biên Giới',
    'Bình An',
    'Bình Dân',
    'Bình Minh',
    'Bình Phục',
    'Bình Yên',
    'Chế Tạo',
    'Chỉ Đạo',
    'Chiến Thắng',
    'Cổ Đông',
    'Công Bằng',
    'Công Lý',
    'Cộng Hòa',
    'Dân Chủ',
    'Duy Nhất',
    'Đạo Đức',
    'Đạo Lý',
    'Định Cư',
    'Độc Lập',
    'Đoàn Kết',
    'Đồng Bằng',
    'Đồng Tâm',
    'Đồng Thuận',
    'Đồng Ý',
    'Hạnh Phúc',
    'Hòa Bình',
    'Hợp Đồng',
    'Hợp Lý',
    'Hợp Nhất',
    'Hữu Nghị',
    'Kháng Chiến',
    'Khánh Thành',
    'Khởi Nghĩa',
    'Liên Hiệp',
    'Liên Hợp',
    'Liên Minh',
    'Liên Quan',
    'Nhân Đạo',
    'Nhân Quyền',
    'Phong Phú',
    'Phúc Lợi',
    'Quảng Trường',
    'Quyết Tâm',
    'Quyết Thắng',
    'Song Phương',
    'Thành Công',
    'Thắng Lợi',
    'Thể Dục',
    'Thiết Kế',
    'Thịnh Vượng',
    'Thống Nhất',
    'Thuận Lợi',
    'Thứ Ba',
    'Tiên Phong',
    'Tiên Tiến',
    'Tiến Bộ',
    'Tinh Nhuệ',
    'Trung Bình',
    'Trung Tâm',
    'Trung Thành',
    'Trường Sinh',
    'Tự Do',
    'Tự Lập',
    'Tự Nhiên',
    'Văn Hóa',
    'Văn Minh',
    'Vinh Quang',
    'Vĩnh Viễn',
    'Yên Bình',
    'Yên Tâm',
  ].map((n) => foldTokens(tokenizeWithOffsets(n))),
);

/**
 * Cities and towns of the pre-2025 district level that everyone knows by name alone, and that name
 * nothing else: named bare they are as strong as a province ("lũ ở Nha Trang").
 */
const WELL_KNOWN_PLACES = new Set(
  [
    'Biên Hòa',
    'Buôn Ma Thuột',
    'Cam Ranh',
    'Châu Đốc',
    'Côn Đảo',
    'Cửa Lò',
    'Đà Lạt',
    'Đồng Hới',
    'Đông Hà',
    'Hạ Long',
    'Hà Tiên',
    'Hội An',
    'Long Xuyên',
    'Móng Cái',
    'Mỹ Tho',
    'Nha Trang',
    'Phan Thiết',
    'Phú Quốc',
    'Pleiku',
    'Quy Nhơn',
    'Rạch Giá',
    'Sa Pa',
    'Sầm Sơn',
    'Tam Kỳ',
    'Thủ Đức',
    'Tuy Hòa',
    'Vũng Tàu',
  ].map((n) => foldTokens(tokenizeWithOffsets(n))),
);

/** Words before a name that make it a street ("phố Huế", "đường Hà Nội"), not the place. */
const STREET_WORDS = ['đường', 'phố', 'ngõ', 'hẻm', 'kiệt'].map(accentForm);
const STREET_PHO = accentForm('phố');
const NOT_STREET_BEFORE_PHO = ['thành', 'đường'].map(accentForm); // thành phố; đường phố = streets
const ROAD_SECOND_WORD = accentForm('lộ');
const ROAD_FIRST_WORDS = ['đại', 'xa', 'quốc', 'tỉnh'].map(accentForm); // đại lộ, xa lộ …
/** Words before a name that say it is where something happens: "ở Thái Bình", "tại Hòa Bình". */
const LOCATIVES = ['ở', 'tại'].map(accentForm);

/** Above this many readings a name is too common to place (xã Tân Thành: 67 units). */
const MAX_READINGS = 5;

// ---------------------------------------------------------------------------------------------

interface Unit extends AdminUnit {
  /** Counts only after its type word: numbered, one-syllable and everyday-word names. */
  needsType: boolean;
  /** A province whose bare name may mean something else. */
  ambiguousName: boolean;
  /** A district-level city known by its name alone (WELL_KNOWN_PLACES). */
  wellKnown: boolean;
  /** Bit k set: token k of the short name is capitalised in the official name. */
  capsMask: number;
  /** Accented keys of the short name's tokens, made when first needed (see accentedOf). */
  accented: readonly string[] | null;
}

type Pattern =
  { kind: 'unit'; unit: Unit } | { kind: 'alias'; unit: Unit; upper: boolean } | { kind: 'block' };

interface Span {
  tokenStart: number;
  tokenEnd: number;
  start: number;
  end: number;
  units: Unit[];
  typed: boolean;
  alias: boolean;
  locative: boolean;
}

interface Context {
  provinces: Set<string>;
  districts: Set<string>;
}

const LEVEL_RANK: Record<PlaceLevel, number> = { province: 3, district: 2, commune: 1 };

function foldTokens(tokens: readonly TextToken[]): string {
  return tokens.map((t) => t.folded).join(' ');
}

function isCapitalised(raw: string): boolean {
  const c = raw.charAt(0);
  return c !== c.toLowerCase() || (c >= '0' && c <= '9');
}

function isAllCapitals(raw: string): boolean {
  return raw === raw.toUpperCase() && raw !== raw.toLowerCase();
}

function levelOf(code: string): PlaceLevel {
  if (code.length === 2) return 'province';
  if (code.length === 3) return 'district';
  if (code.length === 5) return 'commune';
  throw new Error(`gazetteer data: bad unit code ${code}`);
}

function split(column: string, sep: string, n: number, what: string): string[] {
  const parts = column === '' ? [] : column.split(sep);
  if (parts.length !== n)
    throw new Error(`gazetteer data: ${what} has ${parts.length} values, expected ${n}`);
  return parts;
}

const NO_CODES: readonly string[] = Object.freeze([]);

function readEra(data: GazetteerData, era: PlaceEra): Unit[] {
  const cols = era === 'current' ? data.current : data.pre2025;
  const codes = cols.code.split(' ');
  const n = codes.length;
  const names = split(cols.name, '|', n, `${era}.name`);
  const parents = split(cols.parent, ' ', n, `${era}.parent`);
  if (cols.type.length !== n) throw new Error(`gazetteer data: ${era}.type has the wrong length`);
  const currentProvince =
    era === 'pre2025' ? split(data.pre2025.currentProvince, ' ', n, 'currentProvince') : null;
  const currentCommunes =
    era === 'pre2025' ? split(data.pre2025.currentCommunes, ' ', n, 'currentCommunes') : null;
  const units: Unit[] = [];
  for (let i = 0; i < n; i++) {
    const code = codes[i] as string;
    const shortName = names[i] as string;
    const type = data.types[Number(cols.type.charAt(i))];
    if (type === undefined) throw new Error(`gazetteer data: bad type for ${code}`);
    const level = levelOf(code);
    const parent = parents[i] as string;
    const cp = currentProvince?.[i];
    const cc = currentCommunes?.[i];
    units.push({
      code,
      name: `${type} ${shortName}`,
      shortName,
      type,
      level,
      era,
      provinceCode: level === 'province' ? code : parent, // fixed below for pre-2025 communes
      districtCode:
        era === 'pre2025'
          ? level === 'district'
            ? code
            : level === 'commune'
              ? parent
              : null
          : null,
      currentProvinceCode:
        era === 'current'
          ? level === 'province'
            ? code
            : parent
          : cp === '-' || cp === undefined
            ? null
            : cp,
      currentCommuneCodes: cc === undefined || cc === '-' || cc === '' ? NO_CODES : cc.split(','),
      needsType: false,
      ambiguousName: false,
      wellKnown: false,
      capsMask: 0,
      accented: null,
    });
  }
  if (era === 'pre2025') {
    const districtProvince = new Map(
      units.filter((u) => u.level === 'district').map((u) => [u.code, u.provinceCode]),
    );
    for (const u of units) {
      if (u.level !== 'commune') continue;
      const p = districtProvince.get(u.provinceCode);
      if (p === undefined) throw new Error(`gazetteer data: commune ${u.code} has no district`);
      u.provinceCode = p;
    }
  }
  return units;
}

/** Builds a gazetteer from data in the shipped format (tests may pass a smaller one). */
export function createGazetteer(data: GazetteerData): Gazetteer {
  if (data.format !== 1) throw new Error(`gazetteer data: unknown format ${data.format}`);
  const units = [...readEra(data, 'current'), ...readEra(data, 'pre2025')];
  const byKey = new Map(units.map((u) => [`${u.era}:${u.code}`, u]));
  const matcher = new PhraseMatcher<Pattern>();
  const byFoldedName = new Map<string, Unit[]>();

  // Many units share a name (Tân Thành: 67): analyse each name once, and add the units grouped
  // by name so that checks on a name run once per group (preferSameAccents).
  const names = new Map<string, NameInfo>();
  const byName = [...units].sort((a, b) =>
    a.shortName < b.shortName ? -1 : a.shortName > b.shortName ? 1 : 0,
  );
  for (const u of byName) {
    let info = names.get(u.shortName);
    if (info === undefined) {
      info = analyseName(u.shortName);
      names.set(u.shortName, info);
    }
    const { tokens, key } = info;
    u.capsMask = info.capsMask;
    u.ambiguousName = u.level === 'province' && AMBIGUOUS_PROVINCES.has(key);
    u.wellKnown = u.level === 'district' && WELL_KNOWN_PLACES.has(key);
    u.needsType =
      u.level !== 'province' &&
      (tokens.length === 1 || info.numbered || COMMON_WORD_NAMES.has(key));
    matcher.add(tokens, { kind: 'unit', unit: u });
    const list = byFoldedName.get(key);
    if (list) list.push(u);
    else byFoldedName.set(key, [u]);
  }
  for (const a of ALIASES) {
    const targetKey = foldTokens(tokenizeWithOffsets(a.target));
    const targets = (byFoldedName.get(targetKey) ?? []).filter((u) =>
      a.type === undefined ? u.level === 'province' : u.type === a.type,
    );
    if (targets.length === 0) throw new Error(`gazetteer: alias ${a.phrase} names no unit`);
    // An alias that folds to the name itself would report each unit twice.
    if (foldTokens(tokenizeWithOffsets(a.phrase)) === targetKey) {
      throw new Error(`gazetteer: alias ${a.phrase} is the name itself`);
    }
    for (const unit of targets)
      matcher.add(a.phrase, { kind: 'alias', unit, upper: a.upper === true });
  }
  for (const phrase of NOT_PLACES) matcher.add(phrase, { kind: 'block' }, 'ignore');

  const typeWords = new PhraseMatcher<TypeWord>();
  for (const [phrase, tw] of TYPE_WORDS) typeWords.add(phrase, tw, 'strict');

  const currentProvinces = new Map(
    units.filter((u) => u.era === 'current' && u.level === 'province').map((u) => [u.code, u]),
  );
  const toCurrent = new Map<string, string>();
  for (const u of units) {
    if (u.level === 'province' && u.currentProvinceCode !== null) {
      if (u.era === 'current' || !toCurrent.has(u.code))
        toCurrent.set(u.code, u.currentProvinceCode);
    }
  }

  /** A name starting at token p, typed by tw when given; null when nothing readable starts there. */
  function spanAt(
    tokens: readonly TextToken[],
    p: number,
    tw: { start: number; word: TypeWord } | null,
    lastEnd: number,
  ): Span | { blockedUntil: number } | null {
    for (const m of matcher.prefixMatches(tokens, p)) {
      let units: Unit[] = [];
      let alias = false;
      let blocked = false;
      for (const v of m.values) {
        if (v.kind === 'block') blocked = true;
        else if (v.kind === 'alias') {
          if (v.upper && !tokensAll(tokens, m.start, m.end, isAllCapitals)) continue;
          alias = true;
          units.push(v.unit);
        } else units.push(v.unit);
      }
      if (blocked) return { blockedUntil: m.end };
      let typed = false;
      if (tw !== null) {
        const exact = units.filter((u) => tw.word.types.includes(u.type));
        const byLevel =
          exact.length > 0 ? exact : units.filter((u) => tw.word.levels.includes(u.level));
        if (byLevel.length > 0) {
          units = byLevel;
          typed = true;
        }
      }
      if (!typed) {
        if (tw !== null) continue; // the caller tries this position again without the type word
        if (isStreet(tokens, p, lastEnd)) return { blockedUntil: m.end };
        const caps = capsMaskOf(tokens, m.start, m.end);
        units = units.filter(
          (u) =>
            alias ||
            (u.level === 'province' && !u.ambiguousName) ||
            u.wellKnown ||
            (!u.needsType && (u.capsMask & ~caps) === 0),
        );
      }
      if (units.length === 0) continue;
      if (!alias) units = preferSameAccents(tokens, m.start, m.end, units);
      const first = tokens[typed && tw !== null ? tw.start : p] as TextToken;
      return {
        tokenStart: typed && tw !== null ? tw.start : p,
        tokenEnd: m.end,
        start: first.start,
        end: (tokens[m.end - 1] as TextToken).end,
        units,
        typed,
        alias,
        locative: !typed && isLocative(tokens, p, lastEnd),
      };
    }
    return null;
  }

  /**
   * The readings of a span and how strong they are, given the places that stand on their own
   * (ctx). preferCurrent: read a name that exists now as today's unit, old ones elsewhere aside.
   */
  function resolve(
    span: Span,
    ctx: Context | null,
    preferCurrent: boolean,
  ): { units: Unit[]; strength: PlaceStrength } | null {
    let units = span.units;
    let contextual = false;
    if (ctx !== null && ctx.provinces.size > 0 && !span.alias) {
      const inDistrict = units.filter(
        (u) => u.districtCode !== null && ctx.districts.has(u.districtCode),
      );
      const inProvince =
        inDistrict.length > 0
          ? inDistrict
          : units.filter(
              (u) => u.currentProvinceCode !== null && ctx.provinces.has(u.currentProvinceCode),
            );
      if (inProvince.length > 0) {
        units = inProvince;
        contextual = true;
      }
    }
    if (!span.typed) {
      let top = 0;
      for (const u of units) top = Math.max(top, LEVEL_RANK[u.level]);
      units = units.filter((u) => LEVEL_RANK[u.level] === top);
    }
    // The same place in both eras (Quảng Ngãi 51 and 51; xã Trà Leng old and new) is reported once,
    // as today's unit. With preferCurrent and no province to say otherwise, a name that exists now
    // is today's unit: "phường Ba Đình" is the one in Hà Nội, not the former ones in Thanh Hóa.
    let current: Set<string | null>[] | null = null;
    for (const u of units) {
      if (u.era !== 'current') continue;
      current ??= [new Set(), new Set(), new Set(), new Set()];
      current[LEVEL_RANK[u.level]]?.add(u.currentProvinceCode);
    }
    if (current !== null) {
      const seen = current;
      units = units.filter((u) => {
        const sameLevel = seen[LEVEL_RANK[u.level]];
        return (
          u.era === 'current' ||
          sameLevel === undefined ||
          (preferCurrent && !contextual
            ? sameLevel.size === 0
            : !sameLevel.has(u.currentProvinceCode))
        );
      });
    }
    if (units.length === 0 || units.length > MAX_READINGS) return null;
    const provinces = new Set(units.map((u) => u.currentProvinceCode));
    const located = provinces.size === 1 && !provinces.has(null);
    let strong: boolean;
    if (!located) strong = false;
    else if (span.alias || span.typed) strong = true;
    else if (units.every((u) => u.level === 'province')) {
      strong = units.every((u) => !u.ambiguousName) || span.locative || contextual;
    } else strong = contextual || units.every((u) => u.wellKnown);
    return { units, strength: strong ? 'strong' : 'weak' };
  }

  function findPlacesInTokens(tokens: readonly TextToken[]): PlaceHit[] {
    const spans: Span[] = [];
    let lastEnd = 0;
    let i = 0;
    while (i < tokens.length) {
      let found: Span | { blockedUntil: number } | null = null;
      const tw = typeWords.prefixMatches(tokens, i)[0];
      if (tw !== undefined && (tokens[tw.end]?.boundary ?? 2) <= 1) {
        found = spanAt(tokens, tw.end, { start: i, word: tw.values[0] as TypeWord }, lastEnd);
      }
      if (found === null) found = spanAt(tokens, i, null, lastEnd);
      if (found === null) {
        i++;
        continue;
      }
      if ('blockedUntil' in found) {
        // Skip the whole phrase so no shorter name inside it is read.
        i = lastEnd = found.blockedUntil;
        continue;
      }
      spans.push(found);
      i = lastEnd = found.tokenEnd;
    }
    if (spans.length === 0) return [];

    // Places that stand on their own locate the others: "Trà Leng, Quảng Nam".
    // They keep their own reading, so a city does not become the ward of the same name inside it.
    const ctx: Context = { provinces: new Set(), districts: new Set() };
    // Only a typed name, an alias, a province or a well-known city can be strong on its own.
    const alone = spans.map((s) =>
      s.typed || s.alias || s.units.some((u) => u.level === 'province' || u.wellKnown)
        ? resolve(s, null, false)
        : null,
    );
    for (const r of alone) {
      if (r === null || r.strength !== 'strong') continue;
      for (const u of r.units) {
        if (u.currentProvinceCode !== null) ctx.provinces.add(u.currentProvinceCode);
        if (u.districtCode !== null) ctx.districts.add(u.districtCode);
      }
    }
    const hits: PlaceHit[] = [];
    for (let k = 0; k < spans.length; k++) {
      const s = spans[k] as Span;
      const own = alone[k];
      const r = own?.strength === 'strong' ? own : resolve(s, ctx, true);
      if (r === null || r === undefined) continue;
      const ambiguous = r.units.length > 1;
      for (const u of r.units) {
        const province =
          u.currentProvinceCode === null ? undefined : currentProvinces.get(u.currentProvinceCode);
        hits.push({
          code: u.code,
          name: u.name,
          shortName: u.shortName,
          type: u.type,
          level: u.level,
          era: u.era,
          currentProvinceCode: u.currentProvinceCode,
          currentProvinceName: province?.name ?? null,
          start: s.start,
          end: s.end,
          strength: r.strength,
          ambiguous,
        });
      }
    }
    return hits;
  }

  return {
    units,
    unit: (code, era) => byKey.get(`${era}:${code}`),
    toCurrentProvinceCode: (code) => toCurrent.get(code),
    findPlaces: (text) => findPlacesInTokens(tokenizeWithOffsets(text)),
    findPlacesInTokens,
  };
}

interface NameInfo {
  tokens: TextToken[];
  key: string;
  capsMask: number;
  numbered: boolean;
}

function analyseName(shortName: string): NameInfo {
  // The data is NFC (scripts/build-gazetteer.mjs): no need to normalise 14,000 names again.
  const tokens = tokenizeWithOffsets(shortName, true);
  let capsMask = 0;
  let numbered = false;
  tokens.forEach((t, k) => {
    if (k < 31 && isCapitalised(t.raw)) capsMask |= 1 << k;
    if (/\d/.test(t.raw)) numbered = true;
  });
  return { tokens, key: foldTokens(tokens), capsMask, numbered };
}

/** A unit's accented keys, made on first use: only names found in texts ever need them. */
function accentedOf(u: Unit): readonly string[] {
  u.accented ??= tokenizeWithOffsets(u.shortName).map((t) => accentForm(t.raw));
  return u.accented;
}

/** The token before p when it is in the same phrase (only a space or hyphen between) and not in an earlier place. */
function wordBefore(
  tokens: readonly TextToken[],
  p: number,
  lastEnd: number,
): TextToken | undefined {
  return p - 1 >= lastEnd && tokens[p]?.boundary === 0 ? tokens[p - 1] : undefined;
}

/** Whether a token is this word (given by its accented key), written with or without diacritics. */
function isWord(token: TextToken | undefined, accented: string): boolean {
  return (
    token !== undefined && token.folded === foldOf(accented) && accentCompatible(token, accented)
  );
}

/** Whether the name at p follows a street word: "phố Huế", "đường Hà Nội", "xa lộ Hà Nội". */
function isStreet(tokens: readonly TextToken[], p: number, lastEnd: number): boolean {
  const prev = wordBefore(tokens, p, lastEnd);
  if (prev === undefined) return false;
  const before = wordBefore(tokens, p - 1, lastEnd);
  if (isWord(prev, ROAD_SECOND_WORD)) {
    return before !== undefined && ROAD_FIRST_WORDS.some((w) => isWord(before, w));
  }
  if (!STREET_WORDS.some((w) => isWord(prev, w))) return false;
  return !(isWord(prev, STREET_PHO) && NOT_STREET_BEFORE_PHO.some((w) => isWord(before, w)));
}

/** Whether the name at p follows "ở" or "tại". */
function isLocative(tokens: readonly TextToken[], p: number, lastEnd: number): boolean {
  const prev = wordBefore(tokens, p, lastEnd);
  return LOCATIVES.some((w) => isWord(prev, w));
}

const foldOfCache = new Map<string, string>();
function foldOf(accented: string): string {
  let f = foldOfCache.get(accented);
  if (f === undefined) {
    f = foldTokens(tokenizeWithOffsets(accented));
    foldOfCache.set(accented, f);
  }
  return f;
}

function tokensAll(
  tokens: readonly TextToken[],
  start: number,
  end: number,
  test: (raw: string) => boolean,
): boolean {
  for (let k = start; k < end; k++) if (!test((tokens[k] as TextToken).raw)) return false;
  return true;
}

/** Bit k set: token start + k of the text is capitalised (compare Unit.capsMask). */
function capsMaskOf(tokens: readonly TextToken[], start: number, end: number): number {
  let mask = 0;
  for (let k = start; k < end && k - start < 31; k++) {
    if (isCapitalised((tokens[k] as TextToken).raw)) mask |= 1 << (k - start);
  }
  return mask;
}

/**
 * The units whose diacritics agree with the text's (Lạng Sơn over Lãng Sơn for "Lạng Sơn"), or
 * all of them when none does or the text has none.
 */
function preferSameAccents(
  tokens: readonly TextToken[],
  start: number,
  end: number,
  units: Unit[],
): Unit[] {
  const written: string[] = [];
  let marked = false;
  for (let k = start; k < end; k++) {
    const t = tokens[k] as TextToken;
    const form = accentForm(t.raw);
    written.push(form);
    if (form !== t.folded) marked = true;
  }
  if (!marked) return units;
  // Many units share one name (Tân Thành: 67) and come grouped by name: compare each name once.
  let lastName = '';
  let lastVerdict = false;
  const same = units.filter((u) => {
    if (u.shortName !== lastName) {
      const accented = accentedOf(u);
      lastName = u.shortName;
      lastVerdict = written.every((w, k) => w === tokens[start + k]?.folded || w === accented[k]);
    }
    return lastVerdict;
  });
  return same.length > 0 ? same : units;
}

let loaded: Gazetteer | undefined;

/** The shipped gazetteer, read from gazetteer-data.json on first use and kept. */
export function loadGazetteer(): Gazetteer {
  if (loaded === undefined) {
    const file = new URL('./gazetteer-data.json', import.meta.url);
    loaded = createGazetteer(JSON.parse(readFileSync(file, 'utf8')) as GazetteerData);
  }
  return loaded;
}

/** The places a text names, with the shipped gazetteer: see Gazetteer.findPlaces. */
export function findPlaces(text: string): PlaceHit[] {
  return loadGazetteer().findPlaces(text);
}
