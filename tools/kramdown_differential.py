"""Differential check of bloglint.render against the real oracle (Jekyll 4.3 + kramdown + rouge).

Needs Ruby with Debian's `jekyll` installed; not run in CI. Usage:

    python tools/kramdown_differential.py markdown [SEED] [N]   # random documents from tricky pieces
    python tools/kramdown_differential.py windows DIR [SEED] [N] # random line windows of DIR/_posts
    python tools/kramdown_differential.py lexers [SEED] [N]     # random slices of rouge's demo files

It prints the first differences and a count of identical outputs.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from itertools import groupby
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bloglint.render import render_markdown  # noqa: E402
from bloglint.render.lexers import LEXERS  # noqa: E402

CONVERT = """
require "jekyll"; require "json"; require "tmpdir"
site = Jekyll::Site.new(Jekyll.configuration("quiet" => true, "source" => Dir.mktmpdir,
                                             "destination" => Dir.mktmpdir))
conv = site.find_converter_instance(Jekyll::Converters::Markdown)
puts JSON.generate(JSON.parse($stdin.read).map { |t|
  begin; conv.convert(t); rescue StandardError => e; "ERROR #{e.class}"; end })
"""
LEX = """
require "rouge"; require "json"
puts JSON.generate(JSON.parse($stdin.read).map { |tag, text|
  out = []; Rouge::Lexer.find(tag).new.lex(text) { |tok, v| out << [tok.qualname, v] }; out })
"""
DEMOS = Path("/usr/share/ruby-rouge/demos")
PIECES = (
    r"""
# H|## H2 #|### `c` *e*|Setext\n===|Title\n---|- a|  - nested|* s|+ p|1. one|   3. three|> q|> > qq|
    code|\tcode|```|```python|~~~|$$|$$x$$|a $$b$$ c|| a | b ||---|:-:||x | y|\| esc|<div>|</div>|
<div class="a">x</div>|<!-- c -->|<span>s</span>|<br>|</br>|<img src=a>|text|"quoted"|it's|--|...|
<<|>>|&amp;|&nbsp;|&bogus;|*em*|**st**|_u_|a_b_c|`code`|``co`de``|[l](u)|[r]|[r]: http://x|![i](p)|
<http://a>|[^1]|[^1]: note|~~del~~|end\|two  |||---|***|: def|term|{: .cls}|{:toc}|^|中文"引号"|
- [ ] t|- [x] d|<div markdown="1">|<script>a<b</script>|&#150;|'90s|<< a >>|***abc***|*a*b*|
[a](<b c>)|[a](b(c))|Term\n: Def|{::comment}x{:/}|\\(x\\)|*[HTML]: Hyper Text|HTML and W3C|*[W3C]: Web|# HTML heading
""".strip()
    .replace("\n", "")
    .split("|")
)


def oracle(script: str, payload: list) -> list:
    done = subprocess.run(
        ["ruby", "-e", script], input=json.dumps(payload), capture_output=True, text=True
    )
    return json.loads(done.stdout)


def compare(docs: list[str]) -> None:
    expected = oracle(CONVERT, docs)
    bad = 0
    for doc, exp in zip(docs, expected, strict=True):
        got = render_markdown(doc)
        if got != exp:
            bad += 1
            if bad <= 3:
                print(f"{doc!r}\n  expected {exp!r}\n  got      {got!r}")
    print(f"{len(docs) - bad}/{len(docs)} identical")


def main(argv: list[str]) -> None:
    mode = argv[0] if argv else "markdown"
    rest = argv[1:]
    if mode == "windows":
        posts = [
            p.read_text(encoding="utf-8").split("\n")
            for p in sorted(Path(rest.pop(0), "_posts").glob("*.m*"))
        ]
    rng = random.Random(int(rest[0]) if rest else 1)
    count = int(rest[1]) if len(rest) > 1 else 500
    if mode == "markdown":
        pieces = [p.replace("\\n", "\n").replace("\\t", "\t") for p in PIECES]
        compare(
            [
                "\n".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) + "\n"
                for _ in range(count)
            ]
        )
    elif mode == "windows":
        docs = []
        for _ in range(count):
            lines = rng.choice(posts)
            start = rng.randrange(len(lines))
            docs.append("\n".join(lines[start : start + rng.randint(1, 25)]) + "\n")
        compare(docs)
    elif mode == "lexers":
        for tag, cls in sorted(LEXERS.items()):
            if tag != cls.aliases[0] or not (DEMOS / tag).is_file():
                continue
            demo = (DEMOS / tag).read_text(encoding="utf-8")
            slices = []
            for _ in range(count):
                start = rng.randrange(len(demo))
                slices.append([tag, demo[start : start + rng.randint(1, 400)]])
            expected = oracle(LEX, slices)
            bad = 0
            for (_, text), exp in zip(slices, expected, strict=True):
                tokens = [(t, v) for _, t, v in cls().get_tokens_unprocessed(text) if v]
                got = [
                    [".".join(t), "".join(v for _, v in g)]
                    for t, g in groupby(tokens, key=lambda x: x[0])
                ]
                want = [[t, "".join(v for _, v in g)] for t, g in groupby(exp, key=lambda x: x[0])]
                bad += got != want
            print(f"{tag}: {count - bad}/{count} identical")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
