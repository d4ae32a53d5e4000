/** Entry of a {@link TextPool} worker thread: feed files in, prepared and assessed items out. */
import { parentPort } from 'node:worker_threads';
import { CheckIndex } from '../../core/check-index.js';
import { readFeedFile } from '../feed-file.js';
import { createItemScorer, type ItemScorer } from './item-scoring.js';
import { assessmentRevision, assessText } from './text-assessment.js';
import type {
  AssessedFeedFile,
  TextPoolState,
  TextWorkerRequest,
  TextWorkerResponse,
} from './text-pool.js';

interface Loaded {
  checkIndex: CheckIndex;
  scorer: ItemScorer;
  revision: string;
}

let loaded: Promise<Loaded> | undefined;

async function load(state: TextPoolState): Promise<Loaded> {
  const checks = [...state.checks];
  const checkIndex = new CheckIndex({
    publishedChecks: () => Promise.resolve(checks),
    publishedRevision: () => Promise.resolve(state.checkRevision ?? ''),
  });
  await checkIndex.ensureFresh();
  return {
    checkIndex,
    scorer: createItemScorer({
      watchTerms: state.watchTerms,
      homeProvinceCodes: state.homeProvinceCodes,
    }),
    revision: assessmentRevision(state.checkRevision, state.watchRevision),
  };
}

async function readAndAssess(path: string, now: Date): Promise<AssessedFeedFile> {
  const file = await readFeedFile(path, now);
  if (!file.ok) return file;
  const state = await loaded;
  if (!state) return { ...file, texts: [] };
  const texts = file.items.map((p) =>
    assessText(p.values, state.checkIndex, state.scorer, state.revision),
  );
  return { ...file, texts };
}

const port = parentPort;
if (!port) throw new Error('text-worker runs as a worker thread');
// Messages are handled one after another, so a file always sees the state sent before it.
let queue = Promise.resolve();
port.on('message', (message: TextWorkerRequest) => {
  queue = queue.then(async () => {
    if (message.type === 'state') {
      loaded = load(message.state);
      await loaded;
      return;
    }
    let response: TextWorkerResponse;
    try {
      response = {
        type: 'file',
        id: message.id,
        result: await readAndAssess(message.path, message.now),
      };
    } catch (error) {
      response = {
        type: 'error',
        id: message.id,
        message: error instanceof Error ? error.message : String(error),
      };
    }
    port.postMessage(response);
  });
});
