/**
 * Turns fetched bytes into NFC text. The encoding is taken, in order, from a byte-order mark, the
 * Content-Type charset, an in-document declaration (HTML <meta>, XML declaration), and otherwise
 * detected: valid UTF-8 first, then the Vietnamese legacy encodings (TCVN5712-1, CP1258, VISCII) when
 * they yield Vietnamese, then a general detector. Text typed with legacy TCVN3/VNI fonts is converted.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import {
  decodeBytesDetecting,
  decodeLegacyBytes,
  decodeLegacyFont,
  detectLegacyFont,
} from '../../text/legacy-encodings.js';
import type { LegacyByteEncoding } from '../../text/legacy-encodings.js';
import { isVietnameseSyllable } from '../../text/syllable.js';
import { parseContentType } from './content-type.js';

/** What kind of document the bytes are, which decides the in-document declaration looked for. */
export type BodyKind = 'html' | 'xml' | 'text';

/** Where the encoding came from. */
export type EncodingSource = 'bom' | 'header' | 'meta' | 'xml-declaration' | 'detected';

/** Options of decodeBody. */
export interface DecodeBodyOptions {
  /** The Content-Type header (or just its media type). */
  contentType?: string | null;
  /** A charset already parsed from the header; wins over the one in contentType. */
  charset?: string;
  /** Inferred from the media type when absent. */
  kind?: BodyKind;
}

/** Decoded text and how it was decoded. */
export interface DecodedBody {
  /** NFC text, byte-order mark removed. */
  text: string;
  /** WHATWG-style name of the encoding used ("utf-8", "windows-1252", "tcvn5712-1", …). */
  encoding: string;
  source: EncodingSource;
  /** Set when the text was typed with a legacy font (TCVN3/ABC or VNI) and converted. */
  legacyFont?: 'tcvn3' | 'vni';
}

const PRESCAN_BYTES = 4096;
const DETECT_SAMPLE_BYTES = 64 * 1024;

type Decoder =
  | { kind: 'utf-8' }
  | { kind: 'utf-16le' | 'utf-16be' }
  | { kind: 'legacy'; legacy: LegacyByteEncoding; name: string }
  | { kind: 'iconv'; name: string };

// Browsers read these labels as windows-1252 (WHATWG Encoding); so do we, so bytes 0x80–0x9F survive.
const WINDOWS_1252_LABELS = new Set([
  'ansi_x3.4-1968',
  'ascii',
  'cp1252',
  'cp819',
  'csisolatin1',
  'ibm819',
  'iso-8859-1',
  'iso-ir-100',
  'iso8859-1',
  'iso88591',
  'iso_8859-1',
  'iso_8859-1:1987',
  'l1',
  'latin1',
  'us-ascii',
  'windows-1252',
  'x-cp1252',
]);
const UTF8_LABELS = new Set([
  'utf-8',
  'utf8',
  'unicode-1-1-utf-8',
  'x-unicode20utf8',
  'unicode20utf8',
]);
const LEGACY_LABELS: Record<string, LegacyByteEncoding> = {
  'windows-1258': 'cp1258',
  cp1258: 'cp1258',
  'x-cp1258': 'cp1258',
  viscii: 'viscii',
  csviscii: 'viscii',
  'x-viet-viscii': 'viscii',
  'viscii1.1-1': 'viscii',
  tcvn: 'tcvn5712-1',
  tcvn3: 'tcvn5712-1',
  tcvn5712: 'tcvn5712-1',
  'tcvn-5712': 'tcvn5712-1',
  'tcvn5712-1': 'tcvn5712-1',
  'tcvn5712-1:1993': 'tcvn5712-1',
  'x-viet-tcvn5712': 'tcvn5712-1',
  'x-viet-tcvn': 'tcvn5712-1',
};
const LEGACY_NAMES: Record<LegacyByteEncoding, string> = {
  cp1258: 'windows-1258',
  viscii: 'viscii',
  'tcvn5712-1': 'tcvn5712-1',
};

/** Maps an encoding label to a decoder; null for labels nobody can decode. */
function decoderFor(label: string): Decoder | null {
  const name = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (name === '') return null;
  if (UTF8_LABELS.has(name)) return { kind: 'utf-8' };
  if (WINDOWS_1252_LABELS.has(name)) return { kind: 'iconv', name: 'windows-1252' };
  if (name === 'utf-16' || name === 'utf-16le' || name === 'ucs-2') return { kind: 'utf-16le' };
  if (name === 'utf-16be') return { kind: 'utf-16be' };
  const legacy = LEGACY_LABELS[name];
  if (legacy) return { kind: 'legacy', legacy, name: LEGACY_NAMES[legacy] };
  // Labels that would let a page pick an encoding no browser uses are treated as unknown.
  if (name === 'x-user-defined' || name.startsWith('utf-7') || name === 'replacement') return null;
  return iconv.encodingExists(name) ? { kind: 'iconv', name } : null;
}

function decoderName(decoder: Decoder): string {
  switch (decoder.kind) {
    case 'utf-8':
    case 'utf-16le':
    case 'utf-16be':
      return decoder.kind;
    case 'legacy':
    case 'iconv':
      return decoder.name;
  }
}

function run(decoder: Decoder, bytes: Buffer): string {
  switch (decoder.kind) {
    case 'utf-8':
    case 'utf-16le':
    case 'utf-16be':
      return new TextDecoder(decoder.kind).decode(bytes);
    case 'legacy':
      return decodeLegacyBytes(bytes, decoder.legacy);
    case 'iconv':
      return iconv.decode(bytes, decoder.name);
  }
}

function sniffBom(bytes: Buffer): Decoder | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { kind: 'utf-8' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { kind: 'utf-16be' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: 'utf-16le' };
  return null;
}

const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([^\s"'/>;]+)/i;
const XML_ENCODING = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i;

function sniffXml(head: string): string | null {
  return XML_ENCODING.exec(head)?.[1] ?? null;
}

function sniffMeta(head: string): string | null {
  // Comments may hold stale declarations from templates; skip them.
  return META_CHARSET.exec(head.replace(/<!--[\s\S]*?-->/g, ''))?.[1] ?? null;
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasNonAscii(bytes: Buffer): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

/** Counts words with non-ASCII letters that are, and are not, Vietnamese syllables. */
function vietnameseEvidence(text: string): { vietnamese: number; other: number } {
  let vietnamese = 0;
  let other = 0;
  for (const match of text.matchAll(/\p{L}+/gu)) {
    const word = match[0];
    if (!/[\u0080-\uffff]/.test(word)) continue;
    if (isVietnameseSyllable(word)) vietnamese++;
    else other++;
  }
  return { vietnamese, other };
}

function detect(bytes: Buffer): Decoder {
  if (isValidUtf8(bytes)) return { kind: 'utf-8' };
  const sample =
    bytes.length > DETECT_SAMPLE_BYTES ? bytes.subarray(0, DETECT_SAMPLE_BYTES) : bytes;
  // The project's detector knows TCVN5712-1 and VISCII, which general detectors do not.
  const legacy = decodeBytesDetecting(sample);
  if (legacy.encoding !== 'utf-8') {
    const { vietnamese, other } = vietnameseEvidence(legacy.text);
    if (vietnamese >= 3 && vietnamese >= 2 * other) {
      return { kind: 'legacy', legacy: legacy.encoding, name: LEGACY_NAMES[legacy.encoding] };
    }
  }
  for (const candidate of chardet.analyse(sample)) {
    if (candidate.confidence < 10) break;
    const decoder = decoderFor(candidate.name);
    // A UTF guess on bytes that are not valid UTF-8 would only produce replacement characters.
    if (decoder && decoder.kind !== 'utf-8') return decoder;
  }
  return { kind: 'iconv', name: 'windows-1252' };
}

function isSingleByte(decoder: Decoder): boolean {
  if (decoder.kind === 'legacy') return true;
  if (decoder.kind !== 'iconv') return false;
  return /^(windows-125\d|iso-8859-\d+|koi8-[ru]|macintosh|cp125\d|cp8\d\d|ibm8\d\d)$/.test(
    decoder.name,
  );
}

function inferKind(mediaType: string | null): BodyKind | undefined {
  if (!mediaType) return undefined;
  if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml') return 'html';
  if (mediaType.endsWith('/xml') || mediaType.endsWith('+xml')) return 'xml';
  return 'text';
}

function choose(
  body: Buffer,
  options: DecodeBodyOptions,
): { decoder: Decoder; source: EncodingSource } {
  const bom = sniffBom(body);
  if (bom) return { decoder: bom, source: 'bom' };
  const parsed = parseContentType(options.contentType ?? undefined);
  const kind = options.kind ?? inferKind(parsed.mediaType);
  const declaredLabel = options.charset ?? parsed.charset;
  let declared: { decoder: Decoder; source: EncodingSource } | null = null;
  const header = declaredLabel ? decoderFor(declaredLabel) : null;
  if (header) declared = { decoder: header, source: 'header' };
  if (!declared && kind !== 'text') {
    const head = body.subarray(0, PRESCAN_BYTES).toString('latin1');
    const xml = sniffXml(head);
    const xmlDecoder = xml ? decoderFor(xml) : null;
    if (xmlDecoder && kind !== 'html')
      declared = { decoder: xmlDecoder, source: 'xml-declaration' };
    if (!declared && kind !== 'xml') {
      const meta = sniffMeta(head);
      let metaDecoder = meta ? decoderFor(meta) : null;
      // An ASCII-compatible prescan found it, so the document cannot really be UTF-16 (HTML spec).
      if (metaDecoder?.kind === 'utf-16le' || metaDecoder?.kind === 'utf-16be') {
        metaDecoder = { kind: 'utf-8' };
      }
      if (metaDecoder) declared = { decoder: metaDecoder, source: 'meta' };
    }
    if (!declared && xmlDecoder) declared = { decoder: xmlDecoder, source: 'xml-declaration' };
  }
  if (declared) {
    // Servers often claim ISO-8859-1 by default for pages that are really UTF-8; multi-byte UTF-8
    // that validates is practically never meant as single-byte text.
    if (isSingleByte(declared.decoder) && hasNonAscii(body) && isValidUtf8(body)) {
      return { decoder: { kind: 'utf-8' }, source: 'detected' };
    }
    return declared;
  }
  return { decoder: detect(body), source: 'detected' };
}

/** Decodes a fetched body to NFC text (see the module comment for the order of evidence). */
export function decodeBody(body: Buffer, options: DecodeBodyOptions = {}): DecodedBody {
  const { decoder, source } = choose(body, options);
  let text = run(decoder, body);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.normalize('NFC');
  const font = detectLegacyFont(text);
  // VIQR is left alone: its ASCII marks also occur in markup and URLs.
  if (font === 'tcvn3' || font === 'vni') {
    return {
      text: decodeLegacyFont(text, font),
      encoding: decoderName(decoder),
      source,
      legacyFont: font,
    };
  }
  return { text, encoding: decoderName(decoder), source };
}
