import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractMentions } from './mentions.js';

test('mentions are handles or e-mail addresses, once each, lower-case', () => {
  assert.deepEqual(
    extractMentions('@Lan.Nguyen xem giúp; cc @binh@so-tttt.gov.vn. Lại @lan.nguyen, và @tuấn!'),
    ['lan.nguyen', 'binh@so-tttt.gov.vn', 'tuấn'],
  );
  // An e-mail address in running text is not a mention.
  assert.deepEqual(extractMentions('gửi về lan@so.gov.vn nhé'), []);
  assert.deepEqual(extractMentions('không nhắc ai'), []);
});
