import { writeFileSync } from 'node:fs';
import { renderVerifyPage, VERIFY_PAGE_PATH } from '../lib/audit/pack/offline-page/render-page';

/** Writes public/verify-pack.html, the offline evidence-pack verifier (a unit test keeps it up to date). */
const html = await renderVerifyPage();
writeFileSync(VERIFY_PAGE_PATH, html);
console.log(`Wrote ${VERIFY_PAGE_PATH} (${Math.round(html.length / 1024)} KiB)`);
