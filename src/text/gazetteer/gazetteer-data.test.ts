// The shipped gazetteer-data.json against the shared administrative-unit files it is built from
// (skipped when ../shared/data is not beside the checkout), and against its own invariants.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadGazetteer } from './gazetteer.js';
import { tokenizeWithOffsets } from './phrase-matcher.js';

const sharedDir = fileURLToPath(
  new URL('../../../../shared/data/vn-admin-units/', import.meta.url),
);
const missing = existsSync(path.join(sharedDir, 'units-2025.jsonl'))
  ? false
  : 'shared data (vn-admin-units) not found beside the checkout';
const shippedFile = fileURLToPath(new URL('./gazetteer-data.json', import.meta.url));
const buildScript = fileURLToPath(new URL('../../../scripts/build-gazetteer.mjs', import.meta.url));

type Row = Record<string, string | null | undefined>;

function readJsonl(name: string): Row[] {
  return readFileSync(path.join(sharedDir, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);
}

const gaz = loadGazetteer();

describe('gazetteer-data.json', () => {
  test('names fold the same without normalising them again (the loader relies on it)', () => {
    for (const u of gaz.units) {
      assert.deepEqual(
        tokenizeWithOffsets(u.shortName, true).map((t) => t.folded),
        tokenizeWithOffsets(u.shortName).map((t) => t.folded),
        u.name,
      );
    }
  });

  test('every unit is what the shared files say', { skip: missing }, () => {
    const current = readJsonl('units-2025.jsonl');
    const old = readJsonl('units-pre2025.jsonl');
    assert.equal(gaz.units.length, current.length + old.length);
    for (const [era, rows] of [
      ['current', current],
      ['pre2025', old],
    ] as const) {
      for (const row of rows) {
        const u = gaz.unit(row.code ?? '', era);
        assert.ok(u, `${era} ${row.code}`);
        assert.equal(u.name, row.name?.normalize('NFC'));
        assert.equal(u.shortName, row.short_name?.normalize('NFC'));
        assert.equal(u.type, row.type);
        assert.equal(u.level, row.level);
        if (row.level === 'province') assert.equal(u.provinceCode, u.code);
        else if (era === 'current') assert.equal(u.provinceCode, row.parent_code);
        else if (row.level === 'district') assert.equal(u.provinceCode, row.parent_code);
        else {
          assert.equal(u.provinceCode, row.province_code);
          assert.equal(u.districtCode, row.parent_code);
        }
        if (era === 'current') assert.equal(u.currentProvinceCode, u.provinceCode);
      }
    }
  });

  test('old units map to the current ones of the conversion table', { skip: missing }, () => {
    const newCommunes = new Map<string, Set<string>>();
    const newProvinces = new Map<string, Set<string>>();
    for (const row of readJsonl('old-to-new.jsonl')) {
      if (row.level === 'province') {
        assert.equal(
          gaz.toCurrentProvinceCode(row.old_code ?? ''),
          row.new_code,
          row.old_name ?? '',
        );
        assert.equal(gaz.unit(row.old_code ?? '', 'pre2025')?.currentProvinceCode, row.new_code);
      } else if (row.level === 'commune') {
        const code = row.old_code ?? '';
        if (!newCommunes.has(code)) newCommunes.set(code, new Set());
        if (!newProvinces.has(code)) newProvinces.set(code, new Set());
        newCommunes.get(code)?.add(row.new_code ?? '');
        newProvinces.get(code)?.add(row.new_province_code ?? '');
      }
    }
    for (const [code, communes] of newCommunes) {
      const u = gaz.unit(code, 'pre2025');
      assert.ok(u, code);
      assert.deepEqual([...u.currentCommuneCodes].sort(), [...communes].sort(), u.name);
      const provinces = [...(newProvinces.get(code) ?? [])];
      assert.equal(u.currentProvinceCode, provinces.length === 1 ? provinces[0] : null, u.name);
      for (const c of communes) assert.ok(gaz.unit(c, 'current'), `${u.name} → ${c}`);
    }
    // Every old district lies in one current province, the one its communes went to.
    for (const d of gaz.units.filter((x) => x.era === 'pre2025' && x.level === 'district')) {
      const childProvinces = new Set(
        gaz.units
          .filter((x) => x.era === 'pre2025' && x.districtCode === d.code && x.level === 'commune')
          .map((x) => x.currentProvinceCode),
      );
      if (childProvinces.size > 0)
        assert.deepEqual([...childProvinces], [d.currentProvinceCode], d.name);
      else assert.ok(d.currentProvinceCode, d.name);
    }
  });

  test(
    'the shipped file is exactly what scripts/build-gazetteer.mjs makes',
    { skip: missing },
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'gazetteer-'));
      try {
        const out = path.join(dir, 'gazetteer-data.json');
        const run = spawnSync(process.execPath, [buildScript, sharedDir, out], {
          encoding: 'utf8',
        });
        assert.equal(run.status, 0, run.stderr);
        assert.ok(readFileSync(out).equals(readFileSync(shippedFile)), 'rebuild the data file');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
