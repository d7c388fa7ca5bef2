// Bundles the dashboard (app + Chart.js) into one file and copies the page and styles next to it, into the
// module's generated resources, which Maven packages under /dashboard/ in the jar. Nothing is loaded from the
// internet at run time.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, '../../../target/generated-resources/dashboard/static/dashboard');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, 'src/app.js')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  outfile: join(out, 'app.js'),
  legalComments: 'linked',
});
for (const file of ['index.html', 'styles.css', 'login.html', 'login.js', 'login.css']) {
  copyFileSync(join(here, 'src', file), join(out, file));
}
console.log(`dashboard built into ${out}`);
