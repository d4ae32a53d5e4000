/** Word-level differences between two texts (Myers' O(ND) algorithm), for version history. */

export interface DiffPart {
  type: 'same' | 'added' | 'removed';
  text: string;
}

/** Beyond this many differing words the texts are shown as replaced wholesale. */
const MAX_EDITS = 4000;

/** Splits into words and the spaces between them, so the diff keeps the original spacing. */
export function tokens(text: string): string[] {
  return text.split(/(\s+)/).filter((token) => token !== '');
}

/** The parts of `after` relative to `before`: unchanged, added and removed runs. */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  const ops = myers(a, b);
  const parts: DiffPart[] = [];
  const push = (type: DiffPart['type'], text: string) => {
    if (text === '') return;
    const last = parts[parts.length - 1];
    if (last && last.type === type) last.text += text;
    else parts.push({ type, text });
  };
  // A change block runs from one change to the last change before an unchanged word; spaces
  // inside it belong to both sides, so it reads "removed words" then "added words".
  let i = 0;
  while (i < ops.length) {
    const op = ops[i]!;
    if (op.type === 'same') {
      push('same', op.text);
      i++;
      continue;
    }
    let end = i;
    for (let j = i; j < ops.length; j++) {
      const next = ops[j]!;
      if (next.type !== 'same') end = j;
      else if (/\S/.test(next.text)) break;
    }
    let removed = '';
    let added = '';
    for (let j = i; j <= end; j++) {
      const part = ops[j]!;
      if (part.type !== 'added') removed += part.text;
      if (part.type !== 'removed') added += part.text;
    }
    push('removed', removed);
    push('added', added);
    i = end + 1;
  }
  return parts;
}

function myers(a: string[], b: string[]): DiffPart[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  if (max === 0) return [];
  const offset = max + 1;
  let v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    if (d > MAX_EDITS) return replaced(a, b);
    trace.push(v);
    v = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[k - 1 + offset]! < v[k + 1 + offset]!)
          ? v[k + 1 + offset]!
          : v[k - 1 + offset]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + offset] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset);
    }
  }
  return replaced(a, b);
}

function backtrack(trace: Int32Array[], a: string[], b: string[], offset: number): DiffPart[] {
  const out: DiffPart[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[k - 1 + offset]! < v[k + 1 + offset]!) ? k + 1 : k - 1;
    const prevX = v[prevK + offset]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ type: 'same', text: a[x - 1]! });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) out.push({ type: 'added', text: b[y - 1]! });
      else out.push({ type: 'removed', text: a[x - 1]! });
    }
    x = prevX;
    y = prevY;
  }
  return out.reverse();
}

function replaced(a: string[], b: string[]): DiffPart[] {
  return [
    { type: 'removed', text: a.join('') },
    { type: 'added', text: b.join('') },
  ].filter((part) => part.text !== '') as DiffPart[];
}
