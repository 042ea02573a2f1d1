// Weighs the points of the country outlines once (data/country-outline-weights.f64), and draws the
// outlines of every country's own maps (data/country-view-outlines.txt), rather than in every
// build: `npm run outlines` after updating world-atlas, topojson-simplify or d3-geo, or changing
// how maps are drawn. Tests fail while the files differ from what the code computes.
import { writeFileSync } from 'node:fs';
import { COUNTRY_VIEW_OUTLINES, writeOutlines } from '../src/outputs/maps/country-view-outlines.ts';
import { drawCountryViews } from '../src/outputs/maps/render-map.ts';
import { OUTLINE_WEIGHTS, outlineWeights } from '../src/places/country-outlines.ts';

const weights = outlineWeights();
writeFileSync(OUTLINE_WEIGHTS, new Uint8Array(weights.buffer));
process.stdout.write(`${OUTLINE_WEIGHTS}: ${weights.length} weights\n`);

const views = drawCountryViews();
writeOutlines(COUNTRY_VIEW_OUTLINES, views);
process.stdout.write(`${COUNTRY_VIEW_OUTLINES}: the outlines of ${views.size} views\n`);
