/** The desk's server-sent events stream, opened over a real socket for tests. */
import http from 'node:http';

/** One change as the stream sends it. */
export interface ChangeData {
  entity: string;
  id: string;
  version: number | null;
  action: string;
  actorId: string | null;
  claimId?: string;
}

/** An open events stream: the changes received so far, and the raw text. */
export async function openEventStream(origin: string, headers: Record<string, string>) {
  const received: ChangeData[] = [];
  let raw = '';
  const request = http.get(`${origin}/api/v1/events`, { headers });
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    raw += chunk;
    for (const block of chunk.split('\n\n')) {
      const data = /^event: change\ndata: (.*)$/m.exec(block);
      if (data) received.push(JSON.parse(data[1]!) as ChangeData);
    }
  });
  response.on('error', () => undefined);
  return {
    response,
    received,
    raw: () => raw,
    close: () => request.destroy(),
  };
}

/** Polls until `condition` holds; fails after `ms`. */
export async function waitFor(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
