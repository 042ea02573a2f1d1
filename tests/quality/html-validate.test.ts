import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ARTICLE_PAGE, htmlValidateErrors } from '../helpers/html-validate.ts';
import { makeTemp, removeTemps, sharedOut, sharedOutInSetup } from '../helpers/site.ts';

afterAll(removeTemps);

const synthetic = sharedOutInSetup('synthetic');

describe('every page is valid to html-validate (recommended preset)', () => {
  it('on the example archive, on it sliced by time in small listings, in Dari and Pashto, and in three languages', async () => {
    expect(await htmlValidateErrors(await sharedOut('example'))).toEqual([]);
    expect(await htmlValidateErrors(await sharedOut('sliced'))).toEqual([]);
    // The interface in Dari and in Pashto.
    expect(await htmlValidateErrors(await sharedOut('dari'))).toEqual([]);
    expect(await htmlValidateErrors(await sharedOut('pashto'))).toEqual([]);
    // One site in the three languages, with its language switches.
    expect(await htmlValidateErrors(await sharedOut('languages'))).toEqual([]);
  });

  // The 1,000 article pages are judged in html-validate-articles.test.ts, beside these.
  it('on the 1,000-article archive: every page but the articles', async () => {
    expect(await htmlValidateErrors(synthetic(), (f) => !ARTICLE_PAGE.test(f))).toEqual([]);
  });

  it('which fails a page with an error in it (proof it is not vacuous)', async () => {
    const dir = await makeTemp();
    await writeFile(
      join(dir, 'bad.html'),
      '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div>block in p</p><img src="x.png"></body></html>',
    );
    const errors = await htmlValidateErrors(dir);
    expect(errors.some((e) => e.includes('wcag/h37'))).toBe(true);
    expect(errors.some((e) => e.includes('close-order'))).toBe(true);
  });
});
