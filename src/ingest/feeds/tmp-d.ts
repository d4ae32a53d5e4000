import { parseFeedDate } from './feed-date.js';
for (const s of [
  'Sept 5, 2004 10:00 AM EST',
  'Sept 5, 2004',
  'Sep 5, 2004 10:00 EST',
  'Sep 5, 2004 10:00 AM',
])
  console.log(s, parseFeedDate(s));
