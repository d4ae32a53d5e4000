/** Reads a .docx's main XML for tests: paragraphs, tables and the properties of runs. */
import JSZip from 'jszip';

export interface DocxParts {
  xml: string;
  styles: string;
  /** Text of each paragraph of the body, in order (inside tables too). */
  paragraphs: string[];
  /** Each table as rows of cells; a cell's paragraphs are joined with "\n". */
  tables: string[][][];
}

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

function paragraphTexts(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map((t) => (t[1] === undefined ? '\n' : decode(t[1])))
      .join(''),
  );
}

/** Unzips the document and splits it into paragraphs and tables. */
export async function readDocx(bytes: Buffer): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const styles = await zip.file('word/styles.xml')!.async('string');
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => paragraphTexts(c[0]).join('\n')),
    ),
  );
  return { xml, styles, paragraphs: paragraphTexts(xml), tables };
}

/** The run properties (`<w:rPr>…</w:rPr>`) of the first run whose text is exactly `text`. */
export function runPropertiesOf(xml: string, text: string): string | undefined {
  for (const run of xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)) {
    const body = run[1]!;
    const t = /<w:t(?: [^>]*)?>([^<]*)<\/w:t>/.exec(body);
    if (t && decode(t[1]!) === text) return /<w:rPr>[\s\S]*?<\/w:rPr>/.exec(body)?.[0] ?? '';
  }
  return undefined;
}

/** The table whose header row is exactly `header`. */
export function tableWithHeader(parts: DocxParts, header: string[]): string[][] | undefined {
  return parts.tables.find((t) => JSON.stringify(t[0]) === JSON.stringify(header));
}
