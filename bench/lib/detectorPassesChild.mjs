// @ts-check
// One detector's two passes in a fresh process, for bench/against.mjs: V8 compiles from nothing,
// as in a scan. Prints { first, second } as JSON.
//   node bench/lib/detectorPassesChild.mjs DIST TEXTS.json [RULE-IDS.json]
import { readFileSync } from 'node:fs';
import { detectorPasses } from './historyTexts.mjs';
import { shippedDetector } from './shippedDetector.mjs';

const [dist, textsFile, idsFile] = process.argv.slice(2);
if (!dist || !textsFile) throw new Error('usage: detectorPassesChild.mjs DIST TEXTS.json [RULE-IDS.json]');
const onlyRules = idsFile ? new Set(/** @type {string[]} */ (JSON.parse(readFileSync(idsFile, 'utf8')))) : undefined;
const detector = shippedDetector({ dist, ...(onlyRules ? { onlyRules } : {}) });
const [first, second] = detectorPasses(detector, JSON.parse(readFileSync(textsFile, 'utf8')));
console.log(JSON.stringify({ first, second }));
