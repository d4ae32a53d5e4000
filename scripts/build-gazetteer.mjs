#!/usr/bin/env node
// Builds src/text/gazetteer/gazetteer-data.json, the gazetteer the product ships, from the
// administrative-unit files in ../shared/data/vn-admin-units (see src/text/gazetteer/NOTICE.md for
// their origin and licences). The product never reads ../shared/data at run time.
//
// Usage: node scripts/build-gazetteer.mjs [path/to/vn-admin-units] [output file]
//
// Layout of the output (format 1), columnar to stay small: for each era ("current" = after the
// reform of 1 July 2025, "pre2025" = before it) one string per field, one value per unit, in the
// same order:
//   code     unit codes separated by spaces (2 digits province, 3 district, 5 commune)
//   name     short names (without the type word) separated by "|"
//   type     one character per unit: the index into "types"
//   parent   parent codes separated by spaces, "-" for provinces
// and for "pre2025" only:
//   currentProvince  the current province each unit now belongs to ("-" when its parts went to
//                    several provinces: none does in the 2025 table)
//   currentCommunes  for communes, the current communes it went into, joined by ","; "-" otherwise
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = path.resolve(process.argv[2] ?? path.join(root, '../shared/data/vn-admin-units'));
const outFile = path.resolve(
  process.argv[3] ?? path.join(root, 'src/text/gazetteer/gazetteer-data.json'),
);

const TYPES = [
  'Tỉnh',
  'Thành phố',
  'Xã',
  'Phường',
  'Đặc khu',
  'Huyện',
  'Quận',
  'Thị xã',
  'Thị trấn',
];
const EXPECTED = {
  current: { province: 34, commune: 3321 },
  pre2025: { province: 63, district: 696, commune: 10035 },
};

/** @param {string} name @returns {Record<string, any>[]} */
function readJsonl(name) {
  return readFileSync(path.join(sourceDir, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/** @param {unknown} value @param {string} what */
function fail(value, what) {
  throw new Error(`build-gazetteer: ${what}: ${JSON.stringify(value)}`);
}

const LEVEL_BY_LENGTH = { 2: 'province', 3: 'district', 5: 'commune' };

/** Checks one unit row and returns it in a fixed shape. @param {Record<string, any>} row */
function checkUnit(row) {
  const { code, short_name: shortName, type, level, name } = row;
  if (typeof code !== 'string' || !/^\d+$/.test(code)) fail(row, 'bad code');
  if (LEVEL_BY_LENGTH[code.length] !== level) fail(row, 'code length does not match level');
  if (!TYPES.includes(type)) fail(row, 'unknown type');
  if (typeof shortName !== 'string' || shortName.includes('|') || shortName.trim() !== shortName) {
    fail(row, 'bad short name');
  }
  if (name !== `${type} ${shortName}`) fail(row, 'name is not type + short name');
  const parent = row.parent_code ?? '-';
  if (level === 'province' ? parent !== '-' : !/^\d+$/.test(parent)) fail(row, 'bad parent');
  return { code, shortName: shortName.normalize('NFC'), type, level, parent };
}

/** @param {ReturnType<typeof checkUnit>[]} units @param {Record<string, number>} expected @param {string} era */
function checkCounts(units, expected, era) {
  for (const [level, count] of Object.entries(expected)) {
    const n = units.filter((u) => u.level === level).length;
    if (n !== count) fail({ era, level, n, count }, 'unexpected number of units');
  }
  const codes = new Set(units.map((u) => u.code));
  if (codes.size !== units.length) fail(era, 'duplicate codes');
}

const current = readJsonl('units-2025.jsonl').map(checkUnit);
const pre2025 = readJsonl('units-pre2025.jsonl').map(checkUnit);
checkCounts(current, EXPECTED.current, 'current');
checkCounts(pre2025, EXPECTED.pre2025, 'pre2025');

const currentCodes = new Set(current.map((u) => u.code));
const currentProvinceCodes = new Set(
  current.filter((u) => u.level === 'province').map((u) => u.code),
);
for (const u of current) {
  if (u.level === 'commune' && !currentProvinceCodes.has(u.parent)) fail(u, 'commune parent');
}

// Old → new: every old commune to its new commune(s); old provinces and the island districts that
// had no communes map through their own rows.
/** @type {Map<string, Set<string>>} */
const newCommunes = new Map();
/** @type {Map<string, Set<string>>} */
const newProvinces = new Map();
/** @param {Map<string, Set<string>>} map @param {string} key @param {string} value */
function addTo(map, key, value) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}
for (const row of readJsonl('old-to-new.jsonl')) {
  if (row.level === 'area') continue; // an unnumbered coastal strip, not a unit anyone names
  const oldCode = row.old_code;
  if (typeof oldCode !== 'string') fail(row, 'old code missing');
  if (!currentCodes.has(row.new_code)) fail(row, 'new code is not a current unit');
  const newProvince = row.level === 'province' ? row.new_code : row.new_province_code;
  if (!currentProvinceCodes.has(newProvince)) fail(row, 'new province is not a current province');
  addTo(newProvinces, `${row.level}:${oldCode}`, newProvince);
  if (row.level === 'commune') addTo(newCommunes, oldCode, row.new_code);
}

const byCode = new Map(pre2025.map((u) => [u.code, u]));
/** @type {Map<string, Set<string>>} the current provinces of each old district, from its communes */
const districtProvinces = new Map();
for (const u of pre2025) {
  if (u.level !== 'commune') continue;
  const provinces = newProvinces.get(`commune:${u.code}`);
  if (!provinces) fail(u, 'old commune missing from the conversion table');
  for (const p of provinces) addTo(districtProvinces, u.parent, p);
}

/** The one current province of an old unit, or "-" when its parts went to several. @param {ReturnType<typeof checkUnit>} u */
function currentProvinceOf(u) {
  let set =
    u.level === 'district'
      ? (districtProvinces.get(u.code) ?? newProvinces.get(`district:${u.code}`))
      : newProvinces.get(`${u.level}:${u.code}`);
  if (!set && u.level === 'district') {
    // A district with no communes and no row of its own: it went wherever its province went.
    set = newProvinces.get(`province:${u.parent}`);
  }
  if (!set) fail(u, 'no current province');
  return set.size === 1 ? [...set][0] : '-';
}

for (const u of pre2025) {
  if (u.level === 'district' && byCode.get(u.parent)?.level !== 'province')
    fail(u, 'district parent');
  if (u.level === 'commune' && byCode.get(u.parent)?.level !== 'district')
    fail(u, 'commune parent');
}

const typeIndex = (/** @type {string} */ t) => String(TYPES.indexOf(t));
/** @param {ReturnType<typeof checkUnit>[]} units */
function columns(units) {
  return {
    code: units.map((u) => u.code).join(' '),
    name: units.map((u) => u.shortName).join('|'),
    type: units.map((u) => typeIndex(u.type)).join(''),
    parent: units.map((u) => u.parent).join(' '),
  };
}

const data = {
  format: 1,
  notice: 'See NOTICE.md: thanglequoc/vietnamese-provinces-database (MIT); GSO conversion table.',
  types: TYPES,
  current: columns(current),
  pre2025: {
    ...columns(pre2025),
    currentProvince: pre2025.map(currentProvinceOf).join(' '),
    currentCommunes: pre2025
      .map((u) =>
        u.level === 'commune' ? [...(newCommunes.get(u.code) ?? [])].sort().join(',') : '-',
      )
      .join(' '),
  },
};

// Written the way prettier prints it, so `prettier --check` stays quiet.
const json = `${JSON.stringify(data, null, 2).replace(/"types": \[[^\]]*\]/, `"types": ${JSON.stringify(TYPES).replace(/,/g, ', ')}`)}\n`;
writeFileSync(outFile, json);
console.log(
  `wrote ${path.relative(root, outFile)}: ${current.length} current and ${pre2025.length} pre-2025 units, ${Buffer.byteLength(json)} bytes`,
);
