// Label TeX formulas with the real engines (KaTeX and MathJax 3), so the Python checker
// can be measured against their verdicts without Node at test time.
//
// usage: node tools/label_math.mjs [NODE_MODULES_DIR] < cases.jsonl > labelled.jsonl
// Each input line is {"id", "tex", "display", ...}; the output line adds
//   katex_ok / katex_error   katex.renderToString(tex, {throwOnError: true, displayMode})
//   mathjax_ok / mathjax_error   MathJax 3 TeX input with every package except noerrors,
//                                noundefined (they hide errors) and bussproofs (needs a browser), i.e. what a page using the
//                                default tex-chtml component with autoload would accept.
// NODE_MODULES_DIR defaults to $NODE_PATH, then /work/oracles/node_modules.
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";

const modules = process.argv[2] || process.env.NODE_PATH || "/work/oracles/node_modules";
const require = createRequire(path.join(path.resolve(modules), "noop.js"));

const katex = require("katex");
console.warn = () => {}; // KaTeX reports strict-mode notes on the console; only thrown errors count
const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");
const { STATE } = require("mathjax-full/js/core/MathItem.js");
const { SerializedMmlVisitor } = require("mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js");

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
const packages = AllPackages.filter((p) => !["noerrors", "noundefined", "bussproofs"].includes(p));
const visitor = new SerializedMmlVisitor();

function mathjaxVerdict(tex, display) {
  // A fresh document per formula: \newcommand, \label and \tag state must not leak between cases.
  const input = new TeX({
    packages,
    formatError: (_jax, err) => {
      throw err;
    },
  });
  const doc = mathjax.document("", { InputJax: input });
  try {
    const node = doc.convert(tex, { display, end: STATE.CONVERT });
    const mml = visitor.visitTree(node);
    if (mml.includes("<merror")) return [false, "merror in output"];
    return [true, null];
  } catch (err) {
    return [false, String(err && err.message ? err.message : err)];
  }
}

function katexVerdict(tex, display) {
  try {
    katex.renderToString(tex, { throwOnError: true, displayMode: display });
    return [true, null];
  } catch (err) {
    return [false, String(err && err.message ? err.message : err)];
  }
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  if (!line.trim()) continue;
  const row = JSON.parse(line);
  const display = Boolean(row.display);
  const [kOk, kErr] = katexVerdict(row.tex, display);
  const [mOk, mErr] = mathjaxVerdict(row.tex, display);
  row.katex_ok = kOk;
  row.katex_error = kErr;
  row.mathjax_ok = mOk;
  row.mathjax_error = mErr;
  process.stdout.write(JSON.stringify(row) + "\n");
}
