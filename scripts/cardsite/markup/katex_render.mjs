// One long-lived KaTeX renderer for a whole build: reads one JSON request per
// line on stdin ({"tex": "...", "display": false}) and answers one JSON line
// per request ({"html": "..."} or {"error": "..."}), in order.
// KaTeX is the project's own (npm ci): its katex.mjs comes as the argument,
// since this script ships inside the Python package, far from node_modules.
import readline from "node:readline";
import { pathToFileURL } from "node:url";

const katex = (await import(pathToFileURL(process.argv[2]).href)).default;

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  let answer;
  try {
    const { tex, display } = JSON.parse(line);
    answer = {
      html: katex.renderToString(tex, {
        displayMode: Boolean(display),
        throwOnError: true,
        output: "htmlAndMathml",
        trust: false,   // no \href, \url, \htmlClass…: sources are untrusted
        strict: "ignore",
      }),
    };
  } catch (error) {
    answer = { error: String(error && error.message ? error.message : error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
