// Bundles the console (src/main.js with its screens and Chart.js) into one file and copies the pages and styles next
// to it, into the module's generated resources, which Maven packages as the jar's static content. Nothing is loaded
// from the internet at run time.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, '../../../target/generated-resources/console/static');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, 'src/main.js')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  outfile: join(out, 'console.js'),
  legalComments: 'linked',
});
for (const file of ['index.html', 'console.css', 'signed-out.html', 'signed-out.css', 'favicon.svg']) {
  copyFileSync(join(here, 'src', file), join(out, file));
}
console.log(`console built into ${out}`);
