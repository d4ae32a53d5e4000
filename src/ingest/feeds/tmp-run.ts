import { evaluateFeedCorpora, formatFeedEvalReport } from './feed-eval.js';
const r = await evaluateFeedCorpora('/work/shared/data');
console.log(formatFeedEvalReport(r));
for (const a of Object.values(r.agreement)) console.log(a.examples.join('\n'));
