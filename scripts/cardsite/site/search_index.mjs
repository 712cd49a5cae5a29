// Pagefind's search index for the site, made from one small HTML document per
// concept that cardsite/search_index.py writes (names weighted, deck and tag
// filters), not from the rendered pages.
// Usage: node search_index.mjs RECORDS.json OUT_DIR PAGEFIND_PACKAGE_DIR
// Pagefind keeps one index per page language and searches the reader's page's:
// every page is indexed as Chinese, whose segmenter also keeps English words whole.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [recordsFile, outputPath, packageDir] = process.argv.slice(2);
// the project's package, wherever this file is installed (as katex_render.mjs finds KaTeX)
const pagefind = await import(pathToFileURL(join(packageDir, "lib", "index.js")).href);
const records = JSON.parse(readFileSync(recordsFile, "utf8"));
const { index, errors } = await pagefind.createIndex({ forceLanguage: "zh" });
if (!index) throw new Error("pagefind: " + errors.join("; "));
const BATCH = 200;  // documents in flight at once to Pagefind's process
for (let i = 0; i < records.length; i += BATCH) {
  const results = await Promise.all(records.slice(i, i + BATCH).map(r => index.addHTMLFile({ url: r.url, content: r.html })));
  for (const result of results) if (result.errors.length) throw new Error("pagefind: " + result.errors.join("; "));
}
const written = await index.writeFiles({ outputPath });
if (written.errors.length) throw new Error("pagefind: " + written.errors.join("; "));
await pagefind.close();
console.log(JSON.stringify({ pages: records.length }));
