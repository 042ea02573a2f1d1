// Weighs the points of the country outlines once (data/country-outline-weights.f64), rather than
// in every build: `npm run outlines` after updating world-atlas or topojson-simplify. A test
// fails while the file differs from what they compute.
import { writeFileSync } from 'node:fs';
import { OUTLINE_WEIGHTS, outlineWeights } from '../src/places/country-outlines.ts';

const weights = outlineWeights();
writeFileSync(OUTLINE_WEIGHTS, new Uint8Array(weights.buffer));
process.stdout.write(`${OUTLINE_WEIGHTS}: ${weights.length} weights\n`);
