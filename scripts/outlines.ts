// Weighs the points of the country outlines once (data/country-outline-weights.f64), and lays out
// and draws every country's own maps (data/country-views.txt), rather than in every build: `npm run outlines` after updating world-atlas, topojson-simplify or d3-geo, or changing
// how maps are drawn. Tests fail while the files differ from what the code computes.
import { writeFileSync } from 'node:fs';
import { COUNTRY_VIEWS, writeCountryViews } from '../src/outputs/maps/country-views.ts';
import { layOutCountryViews } from '../src/outputs/maps/render-map.ts';
import { OUTLINE_WEIGHTS, outlineWeights } from '../src/places/country-outlines.ts';

const weights = outlineWeights();
writeFileSync(OUTLINE_WEIGHTS, new Uint8Array(weights.buffer));
process.stdout.write(`${OUTLINE_WEIGHTS}: ${weights.length} weights\n`);

const views = layOutCountryViews();
writeCountryViews(COUNTRY_VIEWS, views);
process.stdout.write(`${COUNTRY_VIEWS}: ${views.size} views\n`);
