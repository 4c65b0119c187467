// Check (and with --write, refresh) the KaTeX and MathJax 3 vocabularies in
// bloglint/math/commands.json by asking the engines about every candidate name: a command is
// defined unless the engine answers "Undefined control sequence"; an environment unless it
// answers "Unknown environment" / "No such environment". The candidates are every name any
// engine's list holds (MathJax 2.7's list, probed elsewhere with mathjax-node, is kept as is).
//
// usage: node tools/probe_math_commands.mjs [NODE_MODULES_DIR] [--write]
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const write = args.includes("--write");
const modules = args.find((a) => !a.startsWith("--")) || process.env.NODE_PATH || "/work/oracles/node_modules";
const require = createRequire(path.join(path.resolve(modules), "noop.js"));
const file = new URL("../bloglint/math/commands.json", import.meta.url);
const data = JSON.parse(fs.readFileSync(file, "utf8"));

const katex = require("katex");
const log = console.log;
console.warn = console.log = () => {}; // KaTeX's \show and strict-mode notes print to the console
const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");
const { STATE } = require("mathjax-full/js/core/MathItem.js");
RegisterHTMLHandler(liteAdaptor());
const packages = AllPackages.filter((p) => !["noerrors", "noundefined", "bussproofs"].includes(p));

function katexError(tex) {
  try {
    katex.renderToString(tex, { throwOnError: true, displayMode: true });
    return "";
  } catch (e) {
    return String(e.message);
  }
}
function mathjaxError(tex) {
  const input = new TeX({ packages, formatError: (_j, e) => { throw e; } });
  try {
    mathjax.document("", { InputJax: input }).convert(tex, { display: true, end: STATE.CONVERT });
    return "";
  } catch (e) {
    return String(e.message);
  }
}

const union = (key) => [...new Set(["katex", "mathjax3", "mathjax2"].flatMap((e) => data[e + key]))].sort();
const probes = {
  katex: katexError,
  mathjax3: mathjaxError,
};
const fresh = {};
for (const [engine, error] of Object.entries(probes)) {
  fresh[engine] = union("").filter((n) => !/Undefined control sequence/.test(error("\\" + n)));
  fresh[engine + "_env"] = union("_env").filter(
    (n) => !/Unknown environment|No such environment/.test(error(`\\begin{${n}}\\end{${n}}`)),
  );
  fresh[engine + "_sym"] = union("_sym").filter((c) => !/Undefined control sequence/.test(error("\\" + c)));
}
let changed = false;
for (const [key, names] of Object.entries(fresh)) {
  const old = new Set(data[key]);
  const now = new Set(names);
  const added = names.filter((n) => !old.has(n));
  const removed = data[key].filter((n) => !now.has(n));
  log(`${key}: ${now.size} (was ${old.size}) added [${added.join(" ")}] removed [${removed.join(" ")}]`);
  if (added.length || removed.length) {
    changed = true;
    data[key] = names;
  }
}
if (write && changed) {
  data.katex_version = require("katex/package.json").version;
  fs.writeFileSync(file, JSON.stringify(data));
  log("commands.json updated");
}
