/**
 * Which files the desk accepts as evidence. The type is found from the content (magic numbers,
 * via file-type), never from the name or the browser's word: a file whose extension claims one
 * type while its bytes are another is refused, and so is anything not on the allow-list
 * (HTML, SVG and scripts above all, which could run in a colleague's browser).
 */
import { fileTypeFromBuffer } from 'file-type';
import { ValidationError } from './errors.js';

/** Allowed types and the file extensions each may carry. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/avif': ['avif'],
  'image/heic': ['heic', 'heif'],
  'image/tiff': ['tif', 'tiff'],
  'application/pdf': ['pdf'],
  'text/plain': ['txt', 'text', 'csv', 'tsv', 'md', 'log'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'audio/mpeg': ['mp3'],
  'audio/mp4': ['m4a'],
  'video/mp4': ['mp4', 'm4v'],
  'video/webm': ['webm'],
  'video/quicktime': ['mov'],
};

/** Allowed media types, for documentation and error messages. */
export const ALLOWED_UPLOAD_TYPES = Object.freeze(Object.keys(ALLOWED));

/** What an accepted upload is. */
export interface SniffedFile {
  mime: string;
  /** The extension the content has ("png"). */
  ext: string;
}

const MARKUP = /^\s*(<!doctype|<html|<head|<body|<script|<svg|<\?xml|<iframe|<object)/i;

/** Text, when the bytes are UTF-8 without control characters beyond whitespace, and not markup. */
function looksLikePlainText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(
      // A sample may end in the middle of a character; give the decoder the whole file's end only.
      sample.length === bytes.length ? sample : sample.subarray(0, lastCharBoundary(sample)),
    );
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex -- binary content is exactly what this looks for
  if (/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text)) return false;
  return !MARKUP.test(text.replace(/^\uFEFF/, ''));
}

function lastCharBoundary(bytes: Uint8Array): number {
  let end = bytes.length;
  // Step back over continuation bytes (10xxxxxx) to the start of the last character.
  for (let i = 0; i < 4 && end > 0 && (bytes[end - 1]! & 0xc0) === 0x80; i += 1) end -= 1;
  if (end > 0 && bytes[end - 1]! >= 0xc0) end -= 1;
  return end;
}

function extensionOf(fileName: string): string | null {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName.trim());
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * The type of an uploaded file from its bytes. Throws a validation error when the type is not
 * allowed or the name's extension says something else than the content.
 */
export async function sniffUpload(bytes: Uint8Array, fileName: string): Promise<SniffedFile> {
  if (bytes.length === 0) {
    throw new ValidationError([{ field: 'file', message: 'is empty' }]);
  }
  const detected = await fileTypeFromBuffer(bytes);
  let sniffed: SniffedFile | null = null;
  if (detected) sniffed = { mime: detected.mime, ext: detected.ext };
  else if (looksLikePlainText(bytes)) sniffed = { mime: 'text/plain', ext: 'txt' };
  const allowedExtensions = sniffed ? ALLOWED[sniffed.mime] : undefined;
  if (!sniffed || !allowedExtensions) {
    throw new ValidationError(
      [
        {
          field: 'file',
          message: `has content of type ${sniffed?.mime ?? 'unknown'}, which is not accepted; accepted are ${ALLOWED_UPLOAD_TYPES.join(', ')}`,
        },
      ],
      'This kind of file is not accepted as evidence.',
    );
  }
  const ext = extensionOf(fileName);
  if (ext !== null && !allowedExtensions.includes(ext)) {
    throw new ValidationError(
      [
        {
          field: 'file',
          message: `is named .${ext} but its content is ${sniffed.mime}; rename it or upload the real file`,
        },
      ],
      "The file's name does not match its content.",
    );
  }
  return sniffed;
}
