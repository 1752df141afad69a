// Typesets TeX into MathML with KaTeX, for scripts/reproduce.py: reads a JSON array of
// {"tex": "...", "display": true|false} on stdin and writes a JSON array of HTML strings.
// MathML needs no fonts, stylesheet or script in the report: Chromium, Firefox and Safari draw it.
// A formula KaTeX cannot parse comes back as its source in red (throwOnError: false), so one typo
// does not lose the report. Usage: node typeset_math.js KATEX_MIN_JS < in.json > out.json
"use strict";
const katex = require(require("path").resolve(process.argv[2]));
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(({ tex, display }) => katex.renderToString(tex, {
    displayMode: display, output: "mathml", throwOnError: false, strict: "ignore", trust: false,
  }));
  process.stdout.write(JSON.stringify(out));
});
