/**
 * A realistic corpus for the scale benchmark, built from the shared Vietnamese and English sets:
 * items (news and social posts of a monitored feed), claims and published checks, in the
 * proportions of a national desk (per 1,000 items: 100 claims, of which 20 have a published
 * check). Every value is a pure function of the seed and an index, so the corpus is the same on
 * every run and any part of it can be made on its own: nothing but the sentence pool is held in
 * memory, whatever the size.
 *
 * Items reach the product as RSS feeds of {@link ITEMS_PER_FEED} new items each, plus
 * {@link REPEATS_PER_FEED} entries that repeat recent items (another outlet sharing the same link
 * with tracking parameters: a sighting, not an item). Among new items, about 5 % retell a recent
 * item in other words (near duplicates, which the pipeline clusters), 2 % retell a published
 * check's claim with the spelling of a phone post (the matcher should answer them), 3 % are in
 * English, and a third name a place of the gazetteer.
 */
import { splitSentences } from '../../src/text/sentences.js';
import { slugify } from '../../src/core/slug.js';
import { dataDir, loadClef2022, loadMdsDocs, loadVfndTexts } from './match-data.js';
import { perturb, rng, type Perturbation } from './match-perturb.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** New items per feed (one monitored source each). */
export const ITEMS_PER_FEED = 250;
/** Entries per feed that repeat a recent item (counted as sightings). */
export const REPEATS_PER_FEED = 25;
/** Entries of one feed: ten new items, then one repeat, and so on. */
export const ENTRIES_PER_FEED = ITEMS_PER_FEED + REPEATS_PER_FEED;
/** Items per claim, and claims per published check. */
export const ITEMS_PER_CLAIM = 10;
export const CLAIMS_PER_CHECK = 5;
/** One item in this many retells a published check's claim. */
const PLANTED_EVERY = 50;

/** Sentences and names the corpus is made of. */
export interface ScalePool {
  /** Vietnamese news sentences (vietnamese-mds-200 bodies and summaries, vfnd): item text. */
  itemSentences: string[];
  /** Vietnamese headlines. */
  titles: string[];
  /** Vietnamese sentences kept apart for claims (vnPara), so filler never repeats a claim. */
  claimSentences: string[];
  /** English checked claims and their titles (CheckThat! 2022). */
  englishClaims: string[];
  englishTitles: string[];
  /** Communes, districts and provinces, before and after the 2025 reform. */
  places: string[];
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Reads the shared sets once (a few MB). */
export function loadScalePool(): ScalePool {
  const itemSentences = new Set<string>();
  const titles = new Set<string>();
  for (const doc of loadMdsDocs()) {
    titles.add(clean(doc.title));
    for (const s of [...splitSentences(doc.summary), ...splitSentences(doc.body)]) {
      const c = clean(s);
      if (c.length >= 40 && c.length <= 320) itemSentences.add(c);
    }
  }
  for (const v of loadVfndTexts()) {
    const [first, ...rest] = splitSentences(v.text);
    if (first && first.length <= 160) titles.add(clean(first));
    for (const s of rest) {
      const c = clean(s);
      if (c.length >= 40 && c.length <= 320) itemSentences.add(c);
    }
  }
  const claimSentences = new Set<string>();
  const pairs = readFileSync(path.join(dataDir, 'vnpara', 'vnpara.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { sentence1: string; sentence2: string });
  for (const { sentence1, sentence2 } of pairs) {
    for (const s of [sentence1, sentence2]) {
      const c = clean(s);
      if (c.length >= 30 && c.length <= 280) claimSentences.add(c);
    }
  }
  const clef = loadClef2022('dev-test').archive;
  const places = new Set<string>();
  for (const file of ['units-2025.jsonl', 'units-pre2025.jsonl']) {
    for (const line of readFileSync(path.join(dataDir, 'vn-admin-units', file), 'utf8').split(
      '\n',
    )) {
      if (!line.trim()) continue;
      const unit = JSON.parse(line) as { name: string };
      places.add(unit.name);
    }
  }
  return {
    itemSentences: [...itemSentences],
    titles: [...titles].filter((t) => t.length >= 15),
    claimSentences: [...claimSentences],
    englishClaims: clef.map((c) => clean(c.text)).filter((t) => t.length >= 20),
    englishTitles: clef.map((c) => clean(c.title ?? '')).filter((t) => t.length >= 10),
    places: [...places],
  };
}

/** A 32-bit hash of the seed, a stream name and an index: each item gets its own stream. */
function streamSeed(seed: number, stream: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35);
  h ^= Math.imul(index ^ (index >>> 16), 0x27d4eb2d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

const STREAM = { item: 1, claim: 2, repeat: 3, check: 4 } as const;

const OUTLETS = [
  'tinnhanh24h',
  'baomoi-dia-phuong',
  'dantri-mau',
  'tintuc-lamgiang',
  'songkhoe-online',
  'kinhte-hangngay',
  'xahoi-360',
  'diendan-phuhuynh',
  'cong-dong-cho-xom',
  'giaothong-moingay',
  'suckhoe-gia-dinh',
  'thoisu-tonghop',
].map((name) => `${name}.example`);
const SECTIONS = ['thoi-su', 'xa-hoi', 'suc-khoe', 'kinh-te', 'giao-duc', 'phap-luat', 'doi-song'];
const LEADS = ['Theo phản ánh của người dân,', 'Cư dân mạng chia sẻ:', 'Tin mới:', 'Nóng:'];
const PLANTED_STYLES: readonly Perturbation[] = [
  'no_diacritics',
  'social_mix',
  'abbreviations',
  'half_diacritics',
];

/** Reference time of publication dates in the feeds (the bench moves the stored times). */
const EPOCH = Date.UTC(2025, 6, 1);
/** One year holds a million items: a national desk's pace of about 2,700 items a day. */
export const ITEM_INTERVAL_MS = (365 * 86_400_000) / 1_000_000;

export interface ScaleItem {
  index: number;
  url: string;
  title: string;
  text: string;
  language: 'vi' | 'en';
  publishedAt: Date;
  /** What the item is, for the bench's own checks. */
  kind: 'news' | 'near-duplicate' | 'retells-check' | 'english';
  /** The check index it retells (kind 'retells-check'). */
  check?: number;
}

export interface ScaleClaim {
  index: number;
  text: string;
  language: 'vi' | 'en';
  status: 'published' | 'rejected' | 'new' | 'triage' | 'researching' | 'in_review' | 'approved';
  rejectionReason: 'duplicate' | 'not_checkable' | 'out_of_scope' | null;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  /** Which of the bench's staff is assigned (index), or null. */
  assignee: number | null;
  /** Which of the bench's categories (index), or null. */
  category: number | null;
  /** Hours from now to the deadline for open claims (negative: overdue). */
  dueInHours: number | null;
  /** Items of the same load this claim was made from (indexes), besides matched ones. */
  itemIndexes: number[];
}

export interface ScaleCheck {
  index: number;
  claim: number;
  slug: string;
  title: string;
  rating: 'true' | 'misleading' | 'false' | 'unproven' | 'not_checkable';
  summary: string;
  explanation: string;
  evidence: Array<{ title: string; url: string; note: string }>;
  correction: string | null;
}

/** The feed entry of one row: a new item or a repeat of an earlier one. */
export interface ScaleEntry {
  /** Global row index: the entry's guid, and its order in time. */
  row: number;
  item: ScaleItem;
  repeat: boolean;
}

const pick = <T>(list: readonly T[], r: () => number): T =>
  list[Math.floor(r() * list.length)] as T;

/** Weighted choice: `weights` sum to 1. */
function choose<T>(options: ReadonlyArray<readonly [T, number]>, r: () => number): T {
  let u = r();
  for (const [value, weight] of options) {
    u -= weight;
    if (u < 0) return value;
  }
  return options[options.length - 1]![0];
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The corpus: deterministic functions of the seed and an index. */
export class ScaleCorpus {
  constructor(
    readonly pool: ScalePool,
    readonly seed = 20_260_101,
  ) {}

  private stream(kind: keyof typeof STREAM, index: number): () => number {
    return rng(streamSeed(this.seed, STREAM[kind], index));
  }

  /** Claims that exist once `items` items do (the desk's output keeps pace with intake). */
  static claimsFor(items: number): number {
    return Math.floor(items / ITEMS_PER_CLAIM);
  }
  /** Published checks that exist once `items` items do. */
  static checksFor(items: number): number {
    return Math.floor(ScaleCorpus.claimsFor(items) / CLAIMS_PER_CHECK);
  }
  /** Feeds that carry `items` items. */
  static feedsFor(items: number): number {
    return Math.ceil(items / ITEMS_PER_FEED);
  }

  /** The claim text of claim `c`: a whole sentence first, then halves of two sentences. */
  private claimText(c: number, language: 'vi' | 'en', r: () => number): string {
    const pool = language === 'en' ? this.pool.englishClaims : this.pool.claimSentences;
    const a = pool[c % pool.length]!;
    if (c < pool.length) return a;
    const b = pick(pool, r);
    const wa = a.split(' ');
    const wb = b.split(' ');
    return [...wa.slice(0, Math.max(4, wa.length >> 1)), ...wb.slice(wb.length >> 1)].join(' ');
  }

  item(n: number): ScaleItem {
    const r = this.stream('item', n);
    const outlet = pick(OUTLETS, r);
    const url = `https://${outlet}/${pick(SECTIONS, r)}/bai-${n}.html`;
    const publishedAt = new Date(EPOCH + n * ITEM_INTERVAL_MS);
    const base = { index: n, url, publishedAt };
    const checks = Math.floor(n / (ITEMS_PER_CLAIM * CLAIMS_PER_CHECK));
    if (n % PLANTED_EVERY === 17 && checks > 0) {
      // Only checks that exist before this item's feed is polled, whatever the load's steps.
      const check = Math.floor(r() * checks);
      const claim = this.claim(check * CLAIMS_PER_CHECK);
      const retold = perturb(claim.text, pick(PLANTED_STYLES, r), r);
      const filler = [pick(this.pool.itemSentences, r)];
      if (r() < 0.5) filler.push(pick(this.pool.itemSentences, r));
      const text = r() < 0.5 ? [retold, ...filler].join(' ') : [...filler, retold].join(' ');
      const title = r() < 0.5 ? retold.slice(0, 120) : pick(this.pool.titles, r);
      return { ...base, title, text, language: 'vi', kind: 'retells-check', check };
    }
    if (r() < 0.03) {
      const sentences = [pick(this.pool.englishClaims, r), pick(this.pool.englishClaims, r)];
      return {
        ...base,
        title: pick(this.pool.englishTitles, r),
        text: sentences.join(' '),
        language: 'en',
        kind: 'english',
      };
    }
    if (n > 0 && r() < 0.05) {
      // Another outlet's version of a recent story: same body, its own lead and headline.
      const original = this.item(n - 1 - Math.floor(r() * Math.min(n, 300)));
      return {
        ...base,
        title: r() < 0.5 ? original.title : pick(this.pool.titles, r),
        text: `${pick(LEADS, r)} ${original.text}`,
        language: original.language,
        kind: 'near-duplicate',
      };
    }
    const count = 2 + Math.floor(r() * 4);
    const sentences: string[] = [];
    for (let i = 0; i < count; i++) sentences.push(pick(this.pool.itemSentences, r));
    if (r() < 0.33) {
      sentences.splice(
        Math.floor(r() * sentences.length),
        0,
        `Sự việc xảy ra tại ${pick(this.pool.places, r)}.`,
      );
    }
    return {
      ...base,
      title: pick(this.pool.titles, r),
      text: sentences.join(' '),
      language: 'vi',
      kind: 'news',
    };
  }

  claim(c: number): ScaleClaim {
    const r = this.stream('claim', c);
    const language = r() < 0.05 ? 'en' : 'vi';
    const text = this.claimText(c, language, r);
    const published = c % CLAIMS_PER_CHECK === 0;
    const open = !published && c % 20 === 1;
    const status: ScaleClaim['status'] = published
      ? 'published'
      : open
        ? choose(
            [
              ['new', 0.2],
              ['triage', 0.2],
              ['researching', 0.35],
              ['in_review', 0.15],
              ['approved', 0.1],
            ] as const,
            r,
          )
        : 'rejected';
    const priority = choose(
      [
        ['low', 0.2],
        ['normal', 0.5],
        ['high', 0.2],
        ['urgent', 0.1],
      ] as const,
      r,
    );
    // A claim comes from one to four items of the same stretch of intake.
    const first = c * ITEMS_PER_CLAIM;
    const itemIndexes = Array.from({ length: 1 + Math.floor(r() * 4) }, () =>
      Math.floor(first + r() * ITEMS_PER_CLAIM),
    );
    return {
      index: c,
      text,
      language,
      status,
      rejectionReason:
        status === 'rejected'
          ? choose(
              [
                ['duplicate', 0.4],
                ['not_checkable', 0.35],
                ['out_of_scope', 0.25],
              ] as const,
              r,
            )
          : null,
      priority,
      assignee: status === 'new' || status === 'rejected' ? null : Math.floor(r() * 8),
      category: r() < 0.8 ? Math.floor(r() * 8) : null,
      // Open claims: a deadline from a day ago to a week ahead, so some are overdue.
      dueInHours: open ? Math.round(-24 + r() * 192) : null,
      itemIndexes: [...new Set(itemIndexes)],
    };
  }

  check(j: number): ScaleCheck {
    const c = j * CLAIMS_PER_CHECK;
    const claim = this.claim(c);
    const r = this.stream('check', j);
    const title =
      claim.language === 'en'
        ? `Fact check: ${claim.text.slice(0, 110)}`
        : `Kiểm chứng: ${claim.text.slice(0, 110)}`;
    const sentences = (k: number) =>
      Array.from({ length: k }, () => pick(this.pool.itemSentences, r)).join(' ');
    return {
      index: j,
      claim: c,
      slug: `${slugify(title, 60)}-${j}`,
      title,
      rating: choose(
        [
          ['false', 0.45],
          ['misleading', 0.25],
          ['true', 0.15],
          ['unproven', 0.1],
          ['not_checkable', 0.05],
        ] as const,
        r,
      ),
      summary: sentences(1),
      explanation: [sentences(3), sentences(2), sentences(3)].join('\n\n'),
      evidence: Array.from({ length: 1 + Math.floor(r() * 3) }, (_, k) => ({
        title: pick(this.pool.titles, r),
        url: `https://thongtin-chinhthuc.gov.example/van-ban/${j}-${k}`,
        note: sentences(1),
      })),
      correction: r() < 0.03 ? `Đính chính: ${sentences(1)}` : null,
    };
  }

  /** The entries of feed `k`, in order: rows k·275 … k·275+274. */
  feedEntries(k: number): ScaleEntry[] {
    const entries: ScaleEntry[] = [];
    let emitted = k * ITEMS_PER_FEED;
    for (let p = 0; p < ENTRIES_PER_FEED; p++) {
      const row = k * ENTRIES_PER_FEED + p;
      if (p % 11 === 10) {
        // Recent items are shared most: the gap follows a steep power law (up to 5,000 back).
        const r = this.stream('repeat', row);
        const back = 1 + Math.floor(r() ** 3 * Math.min(emitted, 5000));
        entries.push({ row, item: this.item(Math.max(0, emitted - back)), repeat: true });
      } else {
        entries.push({ row, item: this.item(emitted), repeat: false });
        emitted += 1;
      }
    }
    return entries;
  }

  /** Feed `k` as RSS 2.0. */
  feedXml(k: number): string {
    const items = this.feedEntries(k).map(({ row, item, repeat }) => {
      const link = repeat
        ? `${item.url}?utm_source=facebook&utm_medium=social&fbclid=IwAR${row}`
        : item.url;
      const lang = item.language === 'en' ? ' xml:lang="en"' : '';
      return `<item${lang}><title>${escapeXml(item.title)}</title><link>${escapeXml(link)}</link><guid isPermaLink="false">scale-${row}</guid><pubDate>${item.publishedAt.toUTCString()}</pubDate><description>${escapeXml(item.text)}</description></item>`;
    });
    return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Nguồn theo dõi ${k}</title><link>https://nguon-${k}.example/</link><language>vi</language>\n${items.join('\n')}\n</channel></rss>\n`;
  }
}
