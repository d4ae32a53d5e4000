import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** Result of turning a feed's bytes into text. */
export type FeedDecodeResult =
  | { ok: true; text: string; encoding: string }
  | { ok: false; reason: 'unknown-encoding'; message: string };

/** Where the encoding used by {@link decodeFeedBytes} came from. */
type Candidate = { encoding: string; from: 'bom' | 'xml-declaration' | 'content-type' | 'sniff' };

// Labels feeds declare that iconv-lite spells differently or not at all.
const ALIASES: Record<string, string> = {
  'x-sjis': 'shift_jis',
  'x-euc-jp': 'euc-jp',
  'x-mac-roman': 'macintosh',
  'x-user-defined': 'windows-1252',
  'iso-8859-8-i': 'iso-8859-8',
  'unicode-1-1-utf-8': 'utf-8',
  utf8: 'utf-8',
  'x-viet-vps': 'windows-1258',
  // WHATWG: these labels mean windows-1252, and feeds that say latin-1 use its extra characters.
  'iso-8859-1': 'windows-1252',
  iso8859_1: 'windows-1252',
  'iso_8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'ascii',
  'tcvn5712-1': 'tcvn',
  'tcvn-5712': 'tcvn',
  tcvn5712: 'tcvn',
};

/** Encodings whose ASCII range is not ASCII, detected from the first bytes (XML 1.0 appendix F). */
function sniffBom(bytes: Buffer): Candidate | undefined {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', from: 'bom' };
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff)
    return { encoding: 'utf-32be', from: 'bom' };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00)
    return { encoding: 'utf-32le', from: 'bom' };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', from: 'bom' };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', from: 'bom' };
  // No BOM but "<" padded with NULs: UTF-32 or UTF-16 without a byte order mark.
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0x00 && b3 === 0x3c)
    return { encoding: 'utf-32be', from: 'sniff' };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x00 && b3 === 0x00)
    return { encoding: 'utf-32le', from: 'sniff' };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00) return { encoding: 'utf-16be', from: 'sniff' };
  if (b0 === 0x3c && b1 === 0x00 && b2 !== 0x00) return { encoding: 'utf-16le', from: 'sniff' };
  return undefined;
}

const XML_DECL_ENCODING = /^\s*<\?xml[^>]{0,200}?\bencoding\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})/;
const CHARSET_PARAM = /;\s*charset\s*=\s*["']?\s*([^"';\s]+)/i;

/** The label a feed declares in its XML declaration, if any. */
function declaredEncoding(bytes: Buffer): string | undefined {
  // ASCII-compatible view of the prolog; enough to read the declaration in any such encoding.
  const head = bytes.subarray(0, 512).toString('latin1');
  return XML_DECL_ENCODING.exec(head)?.[1];
}

/** Maps a declared label to an iconv-lite encoding name, or undefined when it is unknown. */
export function resolveEncodingLabel(label: string): string | undefined {
  const lower = label.trim().toLowerCase();
  const name = ALIASES[lower] ?? lower;
  if (name === 'utf-8' || name === 'ascii') return name;
  // UTF-16 without an endianness after the BOM was removed: XML says big-endian by default.
  if (name === 'utf-16' || name === 'ucs-2' || name === 'unicode') return 'utf-16';
  return iconv.encodingExists(name) ? name : undefined;
}

/** The charset parameter of a Content-Type header value. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  return CHARSET_PARAM.exec(contentType)?.[1];
}

/**
 * Decodes a feed's bytes to a JavaScript string: by byte order mark first, then the XML
 * declaration's encoding, then the Content-Type charset, then UTF-8 when the bytes are valid
 * UTF-8 and windows-1252 otherwise. A declared UTF-8 that is not valid UTF-8 yields to another
 * declaration when there is one (servers and templates often claim UTF-8 wrongly). The BOM is
 * removed; the text is not yet normalised.
 */
export function decodeFeedBytes(bytes: Buffer, contentType?: string): FeedDecodeResult {
  const bom = sniffBom(bytes);
  if (bom) {
    const body = bom.from === 'bom' ? stripBom(bytes, bom.encoding) : bytes;
    return { ok: true, text: decodeWith(body, bom.encoding), encoding: bom.encoding };
  }
  const labels = [declaredEncoding(bytes), charsetFromContentType(contentType)].filter(
    (l): l is string => l !== undefined,
  );
  const known = labels
    .map(resolveEncodingLabel)
    .filter((e): e is string => e !== undefined)
    // "utf-16" declared on bytes that are evidently single-byte (we sniffed no UTF-16 above).
    .filter((e) => !e.startsWith('utf-16') && !e.startsWith('utf-32'));
  const utf8 = isUtf8(bytes);
  for (const label of known) {
    // A document labelled ASCII holds only ASCII when honest; when not, UTF-8 is the likely truth.
    const encoding = label === 'ascii' ? (utf8 ? 'utf-8' : 'windows-1252') : label;
    if (encoding === 'utf-8' && !utf8 && known.some((e) => e !== 'utf-8' && e !== 'ascii'))
      continue;
    return { ok: true, text: decodeWith(bytes, encoding), encoding };
  }
  if (utf8) return { ok: true, text: bytes.toString('utf8'), encoding: 'utf-8' };
  if (labels.length > 0 && known.length === 0) {
    return {
      ok: false,
      reason: 'unknown-encoding',
      message: `unknown encoding ${labels.map((l) => JSON.stringify(l)).join(', ')} and the bytes are not UTF-8`,
    };
  }
  return { ok: true, text: iconv.decode(bytes, 'windows-1252'), encoding: 'windows-1252' };
}

function stripBom(bytes: Buffer, encoding: string): Buffer {
  const size = encoding === 'utf-8' ? 3 : encoding.startsWith('utf-32') ? 4 : 2;
  return bytes.subarray(size);
}

function decodeWith(bytes: Buffer, encoding: string): string {
  if (encoding === 'utf-8') return bytes.toString('utf8');
  if (encoding === 'utf-16le') return bytes.toString('utf16le');
  // stripBOM: false because any BOM was already removed and U+FEFF later on is content.
  return iconv.decode(bytes, encoding, { stripBOM: false });
}
