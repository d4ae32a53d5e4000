import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/kiemchung.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kc-eval-'));

function jsonl(name: string, rows: unknown[]): string {
  const file = join(dir, name);
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

function run(args: string[]): Record<string, unknown> {
  const result = spawnSync(process.execPath, [bin, 'eval', ...args, '--json'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

test('eval match scores a query typed without diacritics against the archive', () => {
  const archive = jsonl('archive.jsonl', [
    { id: 'c1', text: 'Uống nước chanh nóng chữa khỏi ung thư' },
    { id: 'c2', text: 'Học sinh toàn tỉnh được nghỉ học từ thứ hai do dịch cúm' },
    { id: 'c3', text: 'Thủy điện xả lũ khẩn cấp, người dân phải sơ tán ngay trong đêm' },
  ]);
  const queries = jsonl('queries.jsonl', [
    { id: 'q1', text: 'uong nuoc chanh nong chua dc ung thu ko??' },
    { id: 'q2', text: 'thuy dien xa lu, dan so tan trong dem #canhbao' },
  ]);
  const qrels = join(dir, 'qrels.tsv');
  writeFileSync(qrels, 'q1 0 c1 1\nq2 0 c3 1\n');
  const r = run(['match', '--archive', archive, '--queries', queries, '--qrels', qrels]);
  assert.equal(r.n, 2);
  assert.equal(r.map5, 1);
  assert.equal(r.p1, 1);
  assert.equal(r.mrr, 1);
  const latency = r.latency_ms as { p50: number; p95: number };
  assert.ok(latency.p95 >= latency.p50);
  assert.equal(typeof r.build_ms, 'number');
});

test('eval cluster reports pairwise and B-cubed figures', () => {
  const docs = jsonl('docs.jsonl', [
    {
      doc_id: 'a1',
      cluster_id: 1,
      title: 'Bão số 3 đổ bộ vào Quảng Ninh',
      body: 'Bão số 3 đổ bộ vào Quảng Ninh, gió giật cấp 12, hàng nghìn hộ dân sơ tán.',
    },
    {
      doc_id: 'a2',
      cluster_id: 1,
      title: 'Bão số 3 đổ bộ Quảng Ninh, gió giật cấp 12',
      body: 'Cơn bão số 3 đã đổ bộ vào Quảng Ninh với gió giật cấp 12; nhiều hộ dân được sơ tán.',
    },
    {
      doc_id: 'b1',
      cluster_id: 2,
      title: 'Giá xăng giảm từ chiều nay',
      body: 'Liên Bộ Công Thương - Tài chính quyết định giảm giá xăng dầu từ 15 giờ chiều nay.',
    },
  ]);
  const r = run(['cluster', '--docs', docs]);
  for (const key of ['precision', 'recall', 'f1']) assert.equal(typeof r[key], 'number');
  assert.equal(r.f1, 1);
  assert.ok((r.bcubed as { f1: number }).f1 > 0.99);
});

test('eval redact reports precision and recall', () => {
  const text = 'Liên hệ 0912 345 678 hoặc a.nguyen@example.vn';
  const cases = jsonl('cases.jsonl', [
    {
      text,
      spans: [
        [8, 20, 'phone'],
        [26, 46, 'email'],
      ],
    },
    { text: 'Nghị định 13/2023/NĐ-CP có hiệu lực từ 01/07/2023', spans: [] },
  ]);
  const r = run(['redact', '--cases', cases]);
  assert.equal(r.precision, 1);
  assert.equal(r.recall, 1);
});

test('a malformed line is reported with its line number', () => {
  const bad = join(dir, 'bad.jsonl');
  writeFileSync(bad, '{"text":"x","spans":[]}\n{oops\n');
  const result = spawnSync(process.execPath, [bin, 'eval', 'redact', '--cases', bad], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /bad\.jsonl:2/);
});
