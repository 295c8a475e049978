import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/*
 * Build time only (`npm run build:verify-page`): bundles the offline verifier (the same
 * verify-pack.ts the CLI runs) into one self-contained HTML file, public/verify-pack.html. Its
 * Content-Security-Policy allows only this script and this style, by hash, and no connection at all.
 */

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export const VERIFY_PAGE_PATH = fileURLToPath(new URL('../../../../public/verify-pack.html', import.meta.url));

export const renderVerifyPage = async (): Promise<string> => {
  const bundle = await build({
    entryPoints: [here('./main.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
  });
  // `</script` inside the bundle would end the element early.
  const script = bundle.outputFiles[0]!.text.trim().replace(/<\/script/gi, '<\\/script');
  const style = readFileSync(here('./style.css'), 'utf8').trim();
  const csp = [
    "default-src 'none'",
    `script-src ${hashOf(script)}`,
    `style-src ${hashOf(style)}`,
    "connect-src 'none'",
    "img-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  const template = readFileSync(here('./template.html'), 'utf8');
  return template
    .replace('__CSP__', () => csp)
    .replace('__STYLE__', () => style)
    .replace('__SCRIPT__', () => script);
};
