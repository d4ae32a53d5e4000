import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { StoryClusterer, clusterDocuments, type ClusterDocument } from './cluster.js';
import { evaluateClustering } from './cluster-eval.js';

/** Three stories told by different outlets, one re-post, and two unrelated items. */
const handmade: Array<ClusterDocument & { story: string }> = [
  {
    id: 'flood-1',
    story: 'flood',
    title: 'Lũ sông Gianh dâng cao, hàng nghìn nhà ở Quảng Bình bị ngập',
    text: 'Mưa lớn kéo dài khiến lũ trên sông Gianh dâng cao, hàng nghìn ngôi nhà ở huyện Tuyên Hóa, tỉnh Quảng Bình bị ngập sâu. Chính quyền đã sơ tán hơn 3.000 người dân đến nơi an toàn.',
  },
  {
    id: 'gold-1',
    story: 'gold',
    title: 'Giá vàng SJC tăng vọt lên mức cao nhất ba tháng',
    text: 'Sáng nay giá vàng SJC tăng thêm 500 nghìn đồng mỗi lượng, lên mức cao nhất trong ba tháng, theo bảng giá của Công ty Vàng bạc Đá quý Sài Gòn.',
  },
  {
    id: 'football-1',
    story: 'football',
    title: 'Đội tuyển Việt Nam thắng Thái Lan 2-1 ở chung kết',
    text: 'Đội tuyển bóng đá Việt Nam đã thắng Thái Lan với tỉ số 2-1 trong trận chung kết tối qua tại sân Mỹ Đình. Tiến Linh ghi bàn quyết định ở phút 85.',
  },
  {
    id: 'flood-2',
    story: 'flood',
    title: 'Quảng Bình sơ tán hơn 3.000 dân vì lũ sông Gianh',
    text: 'Lũ trên sông Gianh lên nhanh sau nhiều ngày mưa lớn. Tỉnh Quảng Bình đã sơ tán hơn 3.000 người dân ở huyện Tuyên Hóa, nhiều ngôi nhà bị ngập sâu trong nước.',
  },
  {
    id: 'traffic',
    story: 'traffic',
    title: 'Hà Nội nghiên cứu hạn chế xe máy trong nội đô',
    text: 'Thành phố Hà Nội đang nghiên cứu đề án hạn chế xe máy ở các quận nội đô từ năm 2030 nhằm giảm ùn tắc giao thông và ô nhiễm không khí.',
  },
  {
    id: 'gold-2',
    story: 'gold',
    title: 'Vàng SJC lên cao nhất trong ba tháng',
    text: 'Công ty Vàng bạc Đá quý Sài Gòn niêm yết giá vàng SJC tăng 500 nghìn đồng một lượng trong phiên sáng nay, mức cao nhất ba tháng qua.',
  },
  {
    id: 'football-2',
    story: 'football',
    title: 'Việt Nam đánh bại Thái Lan tại Mỹ Đình',
    text: 'Tối qua trên sân Mỹ Đình, tuyển Việt Nam thắng Thái Lan 2-1 ở trận chung kết nhờ bàn thắng quyết định của Tiến Linh ở phút 85.',
  },
  {
    id: 'flood-repost',
    story: 'flood',
    title: 'Lu song Gianh dang cao, hang nghin nha o Quang Binh bi ngap 😢',
    text: 'Mua lon keo dai khien lu tren song Gianh dang cao, hang nghin ngoi nha o huyen Tuyen Hoa, tinh Quang Binh bi ngap sau. Chinh quyen da so tan hon 3.000 nguoi dan den noi an toan. https://fb.com/p/1',
  },
  {
    id: 'health',
    story: 'health',
    title: 'Bộ Y tế khuyến cáo phòng sốt xuất huyết mùa mưa',
    text: 'Bộ Y tế khuyến cáo người dân diệt lăng quăng, ngủ màn và đến cơ sở y tế khi sốt cao để phòng bệnh sốt xuất huyết trong mùa mưa.',
  },
];

void test('incremental clustering of a handmade Vietnamese set', () => {
  const clusterer = new StoryClusterer();
  const outcomes = new Map(handmade.map((doc) => [doc.id, clusterer.add(doc)]));
  assert.equal(outcomes.get('flood-1')?.isNew, true);
  assert.equal(outcomes.get('flood-2')?.isNew, false);
  assert.equal(outcomes.get('flood-2')?.clusterId, 'flood-1');
  assert.ok((outcomes.get('flood-repost')?.similarity ?? 0) > 0.3);
  for (const story of ['flood', 'gold', 'football', 'traffic', 'health']) {
    const ids = handmade.filter((d) => d.story === story).map((d) => d.id);
    const clusters = new Set(ids.map((id) => clusterer.clusterOf(id)));
    assert.equal(clusters.size, 1, `${story} split: ${[...clusters].join(', ')}`);
  }
  assert.equal(clusterer.clusterCount, 5);
  assert.equal(clusterer.size, handmade.length);
  assert.deepEqual(clusterer.membersOf('gold-1').sort(), ['gold-1', 'gold-2']);
});

void test('remove: an item leaves its cluster; an emptied cluster disappears', () => {
  const clusterer = new StoryClusterer();
  for (const doc of handmade) clusterer.add(doc);
  assert.equal(clusterer.remove('traffic'), true);
  assert.equal(clusterer.remove('traffic'), false);
  assert.equal(clusterer.clusterOf('traffic'), undefined);
  assert.equal(clusterer.clusterCount, 4);
  assert.equal(clusterer.remove('gold-1'), true);
  // The cluster keeps its id; its remaining member still attracts the story.
  assert.equal(clusterer.clusterOf('gold-2'), 'gold-1');
  const again = handmade.find((d) => d.id === 'gold-1');
  assert.ok(again);
  const outcome = clusterer.add(again);
  assert.equal(outcome.isNew, false);
  assert.equal(outcome.clusterId, 'gold-1');
});

void test('time window keeps distant items apart when timestamps are known', () => {
  const day = 86_400_000;
  const clusterer = new StoryClusterer({ windowMs: 3 * day });
  const [a, b] = handmade.filter((d) => d.story === 'gold');
  assert.ok(a && b);
  clusterer.add({ ...a, publishedAt: 0 });
  assert.equal(clusterer.add({ ...b, publishedAt: 30 * day }).isNew, true);
  assert.equal(clusterer.add({ ...b, id: 'gold-3', publishedAt: day }).isNew, false);
});

void test('batch clustering matches the handmade stories', () => {
  const predicted = clusterDocuments(handmade);
  const gold = new Map(handmade.map((d) => [d.id, d.story]));
  const e = evaluateClustering(predicted, gold);
  assert.equal(e.pairwise.f1, 1);
});

const mdsPath = fileURLToPath(
  new URL('../../../shared/data/vietnamese-mds-200/docs.jsonl', import.meta.url),
);

void test(
  'real data: 30 clusters of vietnamese-mds-200 keep pairwise F1 ≥ 0.8',
  {
    skip: existsSync(mdsPath) ? false : 'vietnamese-mds-200 not found beside the checkout',
  },
  () => {
    interface Line {
      cluster_id: number;
      doc_id: string;
      title: string;
      summary: string;
      body: string;
    }
    const lines = readFileSync(mdsPath, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Line)
      // Every third cluster among the first 90: a spread of topics, not a tuned slice.
      .filter((d) => d.cluster_id <= 90 && d.cluster_id % 3 === 0);
    const docs = lines.map((d) => ({
      id: d.doc_id,
      title: d.title,
      summary: d.summary,
      text: d.body,
    }));
    // Interleave stories so arrival order is not grouped by cluster.
    docs.sort((a, b) =>
      a.id.split('').reverse().join('') < b.id.split('').reverse().join('') ? -1 : 1,
    );
    const gold = new Map(lines.map((d) => [d.doc_id, String(d.cluster_id)]));
    const e = evaluateClustering(clusterDocuments(docs), gold);
    assert.equal(e.clusters.gold, 30);
    assert.ok(e.pairwise.f1 >= 0.8, `pairwise F1 ${e.pairwise.f1.toFixed(3)}`);
    assert.ok(e.bcubed.f1 >= 0.85, `B-cubed F1 ${e.bcubed.f1.toFixed(3)}`);
  },
);
