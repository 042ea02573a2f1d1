import { describe, expect, it } from 'vitest';
import { ARTICLE_PAGE, htmlValidateErrors } from '../helpers/html-validate.ts';
import { listFiles, sharedOutInSetup } from '../helpers/site.ts';

// Half of html-validate's work on the 1,000-article archive, in a file of its own so that the two
// halves run side by side on two cores.
const synthetic = sharedOutInSetup('synthetic');

describe('every page is valid to html-validate (recommended preset)', () => {
  it('on the 1,000-article archive: the article pages', async () => {
    const site = synthetic();
    expect((await listFiles(site)).filter((f) => ARTICLE_PAGE.test(f))).toHaveLength(1000);
    expect(await htmlValidateErrors(site, (f) => ARTICLE_PAGE.test(f))).toEqual([]);
  });
});
