import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, caller } from '../../test/app.js';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { buildClaim, createTestUser, type TestUser } from '../../test/factories.js';
import { startLocalServer, type LocalServer } from '../../test/local-server.js';

const ARTICLE = `<!doctype html><html lang="vi"><head><title>Sở Y tế: nước máy đạt chuẩn</title>
<script>document.title = 'bị thay'</script></head><body><article><h1>Nước máy đạt chuẩn</h1>
<p>Sở Y tế tỉnh công bố kết quả xét nghiệm 12 mẫu nước máy lấy tại ba phường trong tuần qua.</p>
<p>Tất cả các mẫu đều đạt quy chuẩn kỹ thuật quốc gia về chất lượng nước sạch sinh hoạt.</p>
<p>Thông tin nước máy nhiễm độc lan truyền trên mạng xã hội là không có cơ sở.</p></article></body></html>`;

// The smallest valid PNG: signature, IHDR (1×1, greyscale), IDAT, IEND.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010800000000' +
    '3a7e9b550000000a49444154789c6360000000020001e221bc330000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from(
  '%PDF-1.4\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n',
  'latin1',
);

function multipart(
  files: Array<{ field?: string; name: string; type?: string; data: Buffer }>,
  fields: Record<string, string> = {},
) {
  const boundary = '----kiemchung-test-boundary';
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\ncontent-type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

for (const target of databaseTargets()) {
  describe(`evidence capture and upload on ${target.kind}`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let server: LocalServer;
    let editor: TestUser;
    let contributor: TestUser;
    let claimId: string;

    before(async () => {
      db = await target.open();
      server = await startLocalServer((req, res) => {
        if (req.url === '/bai-viet') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(ARTICLE);
        } else if (req.url === '/lon') {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('x'.repeat(10_000));
        } else if (req.url === '/anh.png') {
          res.writeHead(200, { 'content-type': 'image/png' });
          res.end(PNG);
        } else {
          res.writeHead(404).end();
        }
      });
      app = await buildTestApp(db, {
        FETCH_ALLOW_HOSTS: '127.0.0.1',
        FETCH_MAX_BYTES: '4096',
        UPLOAD_MAX_BYTES: '2048',
      });
      editor = await createTestUser(db.repos, 'editor');
      contributor = await createTestUser(db.repos, 'contributor');
      claimId = (await caller(app, editor.headers)('POST', '/api/v1/claims', buildClaim())).json<{
        id: string;
      }>().id;
    });
    after(async () => {
      await app.close();
      await server.close();
      await db.close();
    });

    const evidenceCount = async () =>
      Number(
        (
          await db.database.query<{ n: string }>(
            'select count(*)::text as n from evidence where claim_id = $1',
            [claimId],
          )
        ).rows[0]!.n,
      );

    test('a pasted link is fetched and kept as a snapshot: text, bytes, hash and time', async () => {
      const asEditor = caller(app, editor.headers);
      const res = await asEditor('POST', `/api/v1/claims/${claimId}/evidence/capture`, {
        url: `${server.origin}/bai-viet`,
        note: 'Bản tin của Sở',
      });
      assert.equal(res.statusCode, 201, res.body);
      const evidence = res.json<{
        kind: string;
        title: string;
        url: string;
        snapshotId: string;
        snapshot: {
          sha256: string;
          text: string;
          fetchedAt: string;
          sizeBytes: number;
          httpStatus: number;
        };
      }>();
      assert.equal(evidence.kind, 'url');
      assert.equal(evidence.title, 'Sở Y tế: nước máy đạt chuẩn');
      assert.equal(evidence.snapshot.sha256, sha256(ARTICLE));
      assert.equal(evidence.snapshot.sizeBytes, Buffer.byteLength(ARTICLE));
      assert.equal(evidence.snapshot.httpStatus, 200);
      assert.match(evidence.snapshot.text, /12 mẫu nước máy/);
      assert.doesNotMatch(evidence.snapshot.text, /document\.title/);
      assert.ok(Math.abs(Date.parse(evidence.snapshot.fetchedAt) - Date.now()) < 60_000);

      const snapshot = await asEditor('GET', `/api/v1/snapshots/${evidence.snapshotId}`);
      assert.equal(snapshot.json<{ sha256: string }>().sha256, sha256(ARTICLE));
      const body = await asEditor('GET', `/api/v1/snapshots/${evidence.snapshotId}/body`);
      assert.equal(body.statusCode, 200);
      assert.equal(sha256(body.rawPayload), sha256(ARTICLE));
      // A stored page is a download, never a page of this site.
      assert.equal(body.headers['content-type'], 'application/octet-stream');
      assert.match(body.headers['content-disposition'] as string, /^attachment;/);
      assert.match(body.headers['content-security-policy'] as string, /sandbox/);
      assert.equal((await app.inject(`/api/v1/snapshots/${evidence.snapshotId}`)).statusCode, 401);
      const asContributor = caller(app, contributor.headers);
      assert.equal(
        (await asContributor('GET', `/api/v1/snapshots/${evidence.snapshotId}`)).statusCode,
        403,
      );
    });

    test('a refused or oversized fetch is a clear error and stores nothing', async () => {
      const asEditor = caller(app, editor.headers);
      const before = await evidenceCount();
      const hits = server.hits.length;
      const privateAddress = await asEditor('POST', `/api/v1/claims/${claimId}/evidence/capture`, {
        url: 'http://10.1.2.3/noi-bo',
      });
      assert.equal(privateAddress.statusCode, 422, privateAddress.body);
      assert.equal(privateAddress.json<{ code: string; reason: string }>().code, 'fetch_failed');
      assert.equal(privateAddress.json<{ reason: string }>().reason, 'address');
      const tooLarge = await asEditor('POST', `/api/v1/claims/${claimId}/evidence/capture`, {
        url: `${server.origin}/lon`,
      });
      assert.equal(tooLarge.statusCode, 422, tooLarge.body);
      assert.equal(tooLarge.json<{ reason: string }>().reason, 'too-large');
      assert.equal(server.hits.length, hits + 1, 'the private address was never contacted');
      assert.equal(await evidenceCount(), before);
    });

    test('an uploaded file is typed by its content, hashed, stored and served as a download', async () => {
      const form = multipart([{ name: 'ảnh chụp.png', type: 'image/png', data: PNG }], {
        title: 'Ảnh chụp màn hình bài đăng',
      });
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/claims/${claimId}/evidence/upload`,
        headers: { ...editor.headers, ...form.headers },
        payload: form.payload,
      });
      assert.equal(res.statusCode, 201, res.body);
      const evidence = res.json<{
        id: string;
        kind: string;
        title: string;
        fileMime: string;
        fileSha256: string;
        fileSizeBytes: number;
        fileName: string;
      }>();
      assert.equal(evidence.kind, 'file');
      assert.equal(evidence.title, 'Ảnh chụp màn hình bài đăng');
      assert.equal(evidence.fileMime, 'image/png');
      assert.equal(evidence.fileSha256, sha256(PNG));
      assert.equal(evidence.fileSizeBytes, PNG.length);
      assert.equal(evidence.fileName, 'ảnh chụp.png');
      const download = await caller(app, editor.headers)(
        'GET',
        `/api/v1/evidence/${evidence.id}/file`,
      );
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'image/png');
      assert.deepEqual(download.rawPayload, PNG);
      assert.match(
        download.headers['content-disposition'] as string,
        /filename\*=UTF-8''%E1%BA%A3nh/,
      );

      const text = multipart([{ name: 'ghi-chep.txt', data: Buffer.from('Biên bản làm việc\n') }]);
      const ok = await app.inject({
        method: 'POST',
        url: `/api/v1/claims/${claimId}/evidence/upload`,
        headers: { ...editor.headers, ...text.headers },
        payload: text.payload,
      });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json<{ fileMime: string }>().fileMime, 'text/plain');
    });

    test('a lying extension, a disallowed type or an oversized file is refused and stores nothing', async () => {
      const before = await evidenceCount();
      const upload = (files: Parameters<typeof multipart>[0]) => {
        const form = multipart(files);
        return app.inject({
          method: 'POST',
          url: `/api/v1/claims/${claimId}/evidence/upload`,
          headers: { ...editor.headers, ...form.headers },
          payload: form.payload,
        });
      };
      const lying = await upload([{ name: 'anh.png', type: 'image/png', data: PDF }]);
      assert.equal(lying.statusCode, 400, lying.body);
      assert.match(
        lying.json<{ errors: Array<{ message: string }> }>().errors[0]!.message,
        /named \.png but its content is application\/pdf/,
      );
      const html = await upload([
        {
          name: 'trang.txt',
          type: 'text/plain',
          data: Buffer.from('<html><script>alert(1)</script>'),
        },
      ]);
      assert.equal(html.statusCode, 400, html.body);
      const svg = await upload([
        { name: 'hinh.svg', type: 'image/svg+xml', data: Buffer.from('<svg onload="alert(1)"/>') },
      ]);
      assert.equal(svg.statusCode, 400, svg.body);
      const exe = await upload([
        { name: 'chuong-trinh.exe', data: Buffer.from('MZ\x90\x00\x03\x00') },
      ]);
      assert.equal(exe.statusCode, 400, exe.body);
      const big = await upload([{ name: 'lon.txt', data: Buffer.alloc(3000, 'a') }]);
      assert.equal(big.statusCode, 413, big.body);
      assert.equal(big.json<{ code: string }>().code, 'file_too_large');
      const two = await upload([
        { name: 'a.png', data: PNG },
        { name: 'b.png', data: PNG },
      ]);
      assert.equal(two.statusCode, 400, two.body);
      const json = await caller(app, editor.headers)(
        'POST',
        `/api/v1/claims/${claimId}/evidence/upload`,
        { file: 'x' },
      );
      assert.equal(json.statusCode, 400);
      const forbidden = multipart([{ name: 'anh.png', data: PNG }]);
      const byContributor = await app.inject({
        method: 'POST',
        url: `/api/v1/claims/${claimId}/evidence/upload`,
        headers: { ...contributor.headers, ...forbidden.headers },
        payload: forbidden.payload,
      });
      assert.equal(byContributor.statusCode, 403);
      assert.equal(await evidenceCount(), before);
    });
  });
}
