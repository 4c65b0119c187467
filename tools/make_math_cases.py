r"""Write the unlabelled TeX cases that tools/label_math.mjs labels with KaTeX and MathJax.

The base formulas are our own, written in the styles blog authors use for machine-learning
notes (inline symbols, sums and fractions, hats and bold vectors, aligned derivations, cases,
matrices, \left..\right pairs, CJK text in \text). Each base is kept as is and mutated:
targeted breakages (the error classes real posts contain) and random character edits.
Two seeds make two disjoint sets: `dev` (used while writing bloglint/math/tex.py) and `test`
(held out; two of its misses were looked at and fixed, see the test), and `fresh` mutates
formulas written after the checker was finished, never used for tuning.

usage: python tools/make_math_cases.py > cases.jsonl
       node tools/label_math.mjs < cases.jsonl > tests/data/math/labelled.jsonl

`--markdown` writes Markdown snippets instead: each base formula written the ways authors
write math in posts (bare `\\(..\\)`, `\(..\)`, `$$..$$` inline and as a block, in
backticks, `$..$`), at the start of a paragraph, mid-sentence, in a list item and in a
blockquote; tools/render_kramdown.rb renders them with the real kramdown:
       python tools/make_math_cases.py --markdown | ruby tools/render_kramdown.rb \
           > tests/data/math/markdown.jsonl
"""

from __future__ import annotations

import json
import random
import re
import sys

# Short inline formulas (the bulk of what bloggers write between \( \) or $ $).
INLINE = r"""
a_i
w^T x + b
\alpha
\theta_{t+1}
\hat{y}_i
\mathbf{W}_{hh}
\sigma(z) = \frac{1}{1+e^{-z}}
\log p(y \mid x)
\mathbb{E}_{x \sim p}[f(x)]
O(n \log n)
\nabla_\theta J(\theta)
x \in \mathbb{R}^{d}
\sum_{j=1}^{K} e^{z_j}
\|w\|_2^2
\lambda \ge 0
h_{t-1}
\tanh(c_t)
y = \operatorname{softmax}(Wx)
\epsilon_{greedy}
p(\text{spam} \mid \text{word})
\frac{\partial L}{\partial w_{ij}}
\bar{x} = \frac{1}{n}\sum_i x_i
\mathcal{L}(\phi)
\max_{a} Q(s', a)
V^{\pi}(s)
\gamma^k r_{t+k}
\sqrt{d_k}
\mathrm{KL}(q \| p)
\tilde{x}
\vec{v} \cdot \vec{u}
x^{(i)}
\delta^{(l)}_j
\beta_1, \beta_2
1 - \beta^t
\{x_1, x_2, \dots, x_n\}
A \cap B = \emptyset
\lfloor n/2 \rfloor
\lceil \log_2 k \rceil
\binom{n}{k}
f'(x)
f''(x) < 0
\pi_\theta(a_t \mid s_t)
\mathbf{h}_t = \tanh(\mathbf{W}\mathbf{x}_t)
\text{loss} = -\log \hat{p}
\left( \frac{a}{b} \right)^2
\left[ 0, 1 \right]
\left\| x - y \right\|
\langle q, k \rangle
\mathop{\arg\max}_{\theta} \ell(\theta)
\arg\min_w \frac{1}{2}\|w\|^2
P(A|B)
x_{i,j}^{(k)}
\overline{AB}
\underbrace{a+b}_{n}
\overbrace{1+\cdots+1}^{k}
e^{i\pi} + 1 = 0
\infty
-\infty < x < +\infty
\lim_{n \to \infty} (1 + 1/n)^n
\int_0^1 x^2 \, dx
\prod_{i=1}^{n} p_i
\mathbf{1}_{a > 0}
\boldsymbol{\mu}
\Sigma^{-1}
\det(A) \neq 0
\text{tr}(AB)
\mathrm{d}x
\partial_t u
\approx 0.693
3 \times 3
\frac{n!}{k!(n-k)!}
\sum\nolimits_i w_i
\textstyle\sum_i a_i
\mathbb{P}(X = k)
x \rightarrow y
f: X \to Y
a \leftarrow a + \eta g
\forall x \exists y
\neg p \lor q
\mathcal{O}(1)
\ell_1
\hbar \omega
\sin^2 \theta + \cos^2 \theta = 1
\frac{dy}{dx}
\dot{x}, \ddot{x}
q_\phi(z|x)
D_{KL}
\text{词向量} w
w_{\text{中心词}}
\mathbf{x}^{\top}\mathbf{y}
z = \mu + \sigma \odot \epsilon
\operatorname{ReLU}(x) = \max(0, x)
\color{red}{x}
\phantom{x}
a \pmod{p}
\widehat{abc}
\widetilde{W}
\stackrel{def}{=}
\overset{?}{=}
\underset{x}{\min}
\xrightarrow{f}
\cancel{x}
10^{-8}
1.5 \times 10^{3}
\%
\$5
\#
\{a\}
\,
a\;b\quad c\qquad d
\mid
\not=
\cdots
\ldots
\vdots
\ddots
""".strip().splitlines()

# Display formulas: derivations, environments, multi-line.
DISPLAY = r"""
\begin{aligned} L &= -\sum_i y_i \log \hat{y}_i \\ &= -\log \hat{y}_c \end{aligned}
\begin{cases} 1, & x > 0 \\ 0, & \text{otherwise} \end{cases}
f(x) = \begin{cases} x & \text{if } x \ge 0 \\ \alpha x & \text{else} \end{cases}
\begin{bmatrix} a & b \\ c & d \end{bmatrix}
\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}
\begin{vmatrix} a & b \\ c & d \end{vmatrix} = ad - bc
\begin{array}{c|c} x & y \\ \hline 0 & 1 \end{array}
\begin{align} i_t &= \sigma(W_i x_t + U_i h_{t-1} + b_i) \\ f_t &= \sigma(W_f x_t + U_f h_{t-1} + b_f) \end{align}
\begin{align*} a &= b + c \\ &= d \end{align*}
\begin{equation} E = mc^2 \end{equation}
\begin{gather} a = b \\ c = d \end{gather}
\begin{matrix} 1 & 2 \\ 3 & 4 \end{matrix}
\begin{split} a &= b \\ &= c \end{split}
\mathrm{Attention}(Q,K,V) = \mathrm{softmax}\left(\frac{QK^T}{\sqrt{d_k}}\right)V
J(\theta) = \mathbb{E}_{\tau \sim \pi_\theta}\left[\sum_{t=0}^{T} \gamma^t r_t\right]
\hat{\theta} = \arg\max_\theta \prod_{i=1}^{N} p(x_i \mid \theta)
p(w_O \mid w_I) = \frac{\exp({v'_{w_O}}^\top v_{w_I})}{\sum_{w=1}^{W} \exp({v'_w}^\top v_{w_I})}
\mathrm{BLEU} = \mathrm{BP} \cdot \exp\left(\sum_{n=1}^N w_n \log p_n\right)
\frac{\partial E}{\partial w} = \frac{\partial E}{\partial y}\frac{\partial y}{\partial w}
Q(s,a) \leftarrow Q(s,a) + \alpha\left[r + \gamma \max_{a'} Q(s',a') - Q(s,a)\right]
\mathcal{L} = \frac{1}{N}\sum_{i=1}^{N}\left(y_i - f(x_i)\right)^2 + \lambda\|w\|^2
\text{MMR} = \arg\max_{d \in R \setminus S}\left[\lambda\, \mathrm{sim}(d, q) - (1-\lambda)\max_{d' \in S} \mathrm{sim}(d, d')\right]
H(X) = -\sum_{x} p(x) \log p(x)
\sigma(\mathbf{z})_j = \frac{e^{z_j}}{\sum_{k=1}^{K} e^{z_k}}
\left\{ \begin{array}{ll} a & b \\ c & d \end{array} \right.
\left. \frac{\partial f}{\partial x} \right|_{x=0}
\left( \sum_{i} x_i \right) \middle/ n
g_t = \nabla_\theta f_t(\theta_{t-1}) \\ m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t
\min_G \max_D V(D,G)
\int_{-\infty}^{\infty} e^{-x^2} dx = \sqrt{\pi}
\mathbf{y} = \mathbf{X}\boldsymbol{\beta} + \boldsymbol{\epsilon}
\tag{1} a = b
a = b \label{eq:ab}
\newcommand{\R}{\mathbb{R}} x \in \R^n
\def\v{\mathbf{v}} \v^T \v
\DeclareMathOperator{\sgn}{sgn} \sgn(x)
\frac{1}{\displaystyle 1 + \frac{1}{x}}
\overrightarrow{AB} + \overleftarrow{CD}
\sum_{\substack{i < j \\ i \ne k}} a_{ij}
x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}
\lVert \mathbf{x} \rVert_\infty
\left\langle \phi(x), \phi(y) \right\rangle
\Pr[X \ge t] \le \frac{\mathbb{E}[X]}{t}
\hat{y} = \frac{1}{1 + \exp\{-(w^T x + b)\}}
\mathrm{tf\text{-}idf}(t,d) = \mathrm{tf}(t,d) \cdot \log\frac{N}{n_t}
""".strip().splitlines()

# Written after tex.py was finished and never used to tune it: the "fresh" split.
FRESH = r"""
\mathrm{Var}(X) = \mathbb{E}[X^2] - (\mathbb{E}[X])^2
p(\theta \mid D) \propto p(D \mid \theta)\, p(\theta)
\hat{\beta} = (X^\top X)^{-1} X^\top y
\min_{w,b} \frac{1}{2}\|w\|^2 \quad \text{s.t.}\quad y_i(w^\top x_i + b) \ge 1
K(x, x') = \exp\left(-\frac{\|x - x'\|^2}{2\sigma^2}\right)
\mathcal{N}(x; \mu, \Sigma)
\operatorname{tr}(A^\top B)
\frac{\mathrm{d}}{\mathrm{d}t} \int_0^t f(s)\,\mathrm{d}s = f(t)
\left\lfloor \frac{n+1}{2} \right\rfloor
\prod_{t=1}^{T} \pi(a_t \mid s_t)
\nabla \cdot \mathbf{E} = \frac{\rho}{\varepsilon_0}
\sum_{n=0}^{\infty} \frac{x^n}{n!} = e^x
\lambda_{\max}(A) \le \|A\|_F
\underset{\theta}{\operatorname{arg\,min}}\; \mathcal{L}(\theta)
h^{(l+1)} = \sigma\left(\tilde{D}^{-\frac12}\tilde{A}\tilde{D}^{-\frac12} h^{(l)} W^{(l)}\right)
\mathrm{IDF}(t) = \log \frac{N}{1 + \mathrm{df}(t)}
\begin{pmatrix} \cos\theta & -\sin\theta \\ \sin\theta & \cos\theta \end{pmatrix}
\begin{aligned} \mu_t &= \beta \mu_{t-1} + (1-\beta) g_t \\ \theta_t &= \theta_{t-1} - \eta \mu_t \end{aligned}
\mathbf{1}[y = k]
\xi \sim \mathrm{Uniform}(0, 1)
\binom{2n}{n} \approx \frac{4^n}{\sqrt{\pi n}}
\log \sum_{j} e^{z_j - m} + m
\langle \psi \mid \hat{H} \mid \psi \rangle
x_{t+1} = x_t - \frac{f(x_t)}{f'(x_t)}
\overline{z} \cdot z = |z|^2
\vec{a} \times \vec{b}
\sqrt[3]{27} = 3
\frac{\partial^2 u}{\partial t^2} = c^2 \frac{\partial^2 u}{\partial x^2}
\Pr(A \cup B) = \Pr(A) + \Pr(B) - \Pr(A \cap B)
\text{precision} = \frac{TP}{TP + FP}
\begin{cases} x^2 & x < 0 \\ \sqrt{x} & x \ge 0 \end{cases}
s_{ij} = \frac{q_i^\top k_j}{\sqrt{d}}
\mathrm{softplus}(x) = \ln(1 + e^x)
\forall \epsilon > 0\ \exists \delta > 0
\hat{y}_{u,i} = \mu + b_u + b_i + p_u^\top q_i
\left| \sum_i a_i b_i \right| \le \sqrt{\sum_i a_i^2}\sqrt{\sum_i b_i^2}
\mathbb{R}^{m \times n}
\tfrac{1}{2} + \dfrac{3}{4}
\ker(A) \oplus \operatorname{im}(A^\top)
\text{文本} \to \text{向量}
""".strip().splitlines()

COMMAND_TYPOS = {
    "alpha": ["alph", "aplha", "alpah"],
    "lambda": ["lamda", "lambd"],
    "theta": ["theata", "thta"],
    "frac": ["fraq", "farc", "fac"],
    "sum": ["summ", "sun"],
    "sigma": ["sigam", "sigme"],
    "mathbf": ["mathbfx", "mathb", "mathbff"],
    "mathbb": ["mathb", "mathbbb"],
    "partial": ["parital", "partia"],
    "epsilon": ["epsion", "epsilo"],
    "gamma": ["gama", "gammaG"],
    "tanh": ["tahn"],
    "left": ["lefft"],
    "right": ["rigth"],
    "cdot": ["cdott", "codt"],
    "infty": ["infity", "inf"],
    "sqrt": ["sqr", "sqrtt"],
    "hat": ["hta"],
    "text": ["txt", "tex"],
    "in": ["inS", "ins"],
    "leq": ["leqs"],
    "nabla": ["nable"],
    "exp": ["epx"],
    "log": ["lg", "logg"],
}

ENVS = ["aligned", "cases", "bmatrix", "pmatrix", "vmatrix", "array", "align", "align*", "matrix"]


def targeted(tex: str, rng: random.Random) -> list[tuple[str, str]]:
    """Breakages of the kinds found in real posts, each applied where it can be."""
    out: list[tuple[str, str]] = []
    if "}" in tex:
        i = rng.choice([m.start() for m in re.finditer(r"\}", tex)])
        out.append(("drop-close-brace", tex[:i] + tex[i + 1 :]))
    if "{" in tex:
        i = rng.choice([m.start() for m in re.finditer(r"\{", tex)])
        out.append(("drop-open-brace", tex[:i] + tex[i + 1 :]))
    out.append(("extra-close-brace", tex + "}"))
    words = [m for m in re.finditer(r"\\([a-zA-Z]+)", tex) if m.group(1) in COMMAND_TYPOS]
    if words:
        m = rng.choice(words)
        typo = rng.choice(COMMAND_TYPOS[m.group(1)])
        out.append(("command-typo", tex[: m.start(1)] + typo + tex[m.end(1) :]))
    scripts = [m.end() for m in re.finditer(r"[_^](\{[^{}]*\}|[a-zA-Z0-9])", tex)]
    if scripts:
        i = rng.choice(scripts)
        out.append(("double-script", tex[:i] + rng.choice(["^2", "_i", "^{T}", "'"]) + tex[i:]))
    if "\\right" in tex:
        m = rng.choice(list(re.finditer(r"\\right\s*(\\[a-zA-Z]+|\\.|.)", tex)))
        out.append(("drop-right", tex[: m.start()] + tex[m.end() :]))
    if "\\left" in tex:
        m = rng.choice(list(re.finditer(r"\\left\s*(\\[a-zA-Z]+|\\.|.)", tex)))
        out.append(("drop-left", tex[: m.start()] + tex[m.end() :]))
        out.append(
            (
                "left-without-delimiter",
                tex.replace("\\left", "\\left ", 1).replace("\\left (", "\\left x", 1),
            )
        )
    if "\\end{" in tex:
        m = re.search(r"\\end\{[^}]*\}", tex)
        assert m
        out.append(("drop-end", tex[: m.start()] + tex[m.end() :]))
        out.append(
            ("end-mismatch", tex[: m.start()] + "\\end{" + rng.choice(ENVS) + "}" + tex[m.end() :])
        )
    if "\\begin{" in tex:
        out.append(("unknown-env", re.sub(r"\\(begin|end)\{(\w+)", r"\\\1{\2x", tex)))
        m = re.search(r"\\begin\{[^}]*\}", tex)
        assert m
        out.append(("drop-begin", tex[: m.start()] + tex[m.end() :]))
    if "&" in tex and "\\&" not in tex:
        stripped = re.sub(r"\\(begin|end)\{[^}]*\}(\{[^}]*\})?", "", tex)
        out.append(("ampersand-outside-env", stripped))
    else:
        i = rng.randrange(len(tex) + 1)
        out.append(("stray-ampersand", tex[:i] + " & " + tex[i:]))
    hat = re.search(r"\\(hat|bar|tilde|vec|mathbf|sqrt|frac|text)\{", tex)
    if hat:
        # the argument goes missing: \hat_{Q}, \frac{a} at the end, \sqrt}
        j = tex.index("{", hat.start())
        depth, k = 0, j
        for k in range(j, len(tex)):
            depth += {"{": 1, "}": -1}.get(tex[k], 0)
            if depth == 0:
                break
        out.append(("missing-argument", tex[: hat.end(1)] + "_" + tex[k + 1 :]))
    cut = rng.randrange(1, max(2, len(tex)))
    out.append(("truncated", tex[:cut]))
    out.append(("nested-delimiter", "\\(" + tex + "\\)"))
    out.append(("unknown-symbol", tex + rng.choice(["\\0", "\\?", "\\@", "\\'"])))
    out.append(
        (
            "text-in-math",
            tex.replace("\\text{", "\\text{\\alpha ", 1) if "\\text{" in tex else tex + " \\$ ",
        )
    )
    return out


RANDOM_CHARS = "{}[]()^_\\&$%#'|.,=+-*/<> abcxyz012\\\\"


def random_edit(tex: str, rng: random.Random) -> str:
    """One to three character edits: delete, insert, duplicate or swap."""
    s = tex
    for _ in range(rng.randint(1, 3)):
        op = rng.choice("ddiisw")
        i = rng.randrange(len(s)) if s else 0
        if op == "d" and s:
            s = s[:i] + s[i + 1 :]
        elif op == "i":
            s = s[:i] + rng.choice(RANDOM_CHARS) + s[i:]
        elif op == "s" and len(s) > 1 and i < len(s) - 1:
            s = s[:i] + s[i + 1] + s[i] + s[i + 2 :]
        elif s:
            s = s[:i] + s[i] + s[i:]
    return s


def compose(rng: random.Random, n: int) -> list[str]:
    """More bases: two inline formulas joined the way authors chain them."""
    out = []
    for _ in range(n):
        a, b = rng.sample(INLINE, 2)
        out.append(
            rng.choice(["{a} = {b}", "{a}, \\quad {b}", "{a} + {b}", "{a} \\le {b}"]).format(
                a=a.strip(), b=b.strip()
            )
        )
    return out


def cases(split: str, seed: int) -> list[dict[str, object]]:
    # The bases are shuffled with one fixed seed and cut in half, so no base is in both splits.
    base_rng = random.Random(0)
    bases = [(t.strip(), False) for t in INLINE] + [(t.strip(), True) for t in DISPLAY]
    bases += [(t, False) for t in compose(base_rng, 60)]
    base_rng.shuffle(bases)
    half = len(bases) // 2
    bases = bases[:half] if split == "dev" else bases[half:]
    if split == "fresh":
        bases = [(t.strip(), "begin" in t) for t in FRESH]
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    for n, (tex, display) in enumerate(bases):
        variants = [("original", tex)] + targeted(tex, rng)
        variants += [("random-edit", random_edit(tex, rng)) for _ in range(4)]
        for kind, variant in variants:
            for disp in {display, rng.random() < 0.2}:
                rows.append(
                    {
                        "id": f"{split}-{n}-{len(rows)}",
                        "split": split,
                        "kind": kind,
                        "display": disp,
                        "tex": variant,
                    }
                )
    return rows


# How a formula is written in Markdown: (profile it is meant for, template).
WRITINGS = (
    ("default", "\\\\({tex}\\\\)"),  # \\( raw TeX \\)
    ("default", "\\({tex}\\)"),  # \( .. \): kramdown eats the backslash
    ("default", "$${tex}$$"),
    ("code", "`\\({tex}\\)`"),
    ("dollar", "${tex}$"),
    ("default", "ESCAPED"),  # \\( with Markdown characters escaped, karpathy style
)
PLACES = (
    "{math} opens this paragraph.",
    "We write {math} in the middle of a sentence, then go on.",
    "- a list item with {math} inside",
    "> a quoted line with {math} in it",
    "1. first\n2. a numbered item\n   - nested, with {math} here",
    "| name | value |\n|---|---|\n| rate | {math} |",
    "## A heading with {math}",
    '<div class="note">\nA raw block with {math} inside.\n</div>',
    "```python\nx = 1  # $$ not math $$\n```\nThen {math} after a fence.",
    "Text\n\n    indented {math} is code\n\nand {math} is not.",
)


def markdown_escape(tex: str) -> str:
    """How a careful author writes TeX in Markdown text: escape the backslashes and the
    characters kramdown turns into emphasis, table cells or curly quotes."""
    out = re.sub(r"([\\\\_*|'\"])", r"\\\1", tex)
    return "\\\\(" + out + "\\\\)"


def markdown_cases() -> list[dict[str, object]]:
    rng = random.Random(3)
    rows: list[dict[str, object]] = []
    bases = [t.strip() for t in INLINE + DISPLAY if "\n" not in t]
    for n, tex in enumerate(bases):
        for profile, template in WRITINGS:
            math = markdown_escape(tex) if template == "ESCAPED" else template.format(tex=tex)
            place = rng.choice(PLACES)
            text = place.replace("{math}", math)
            rows.append(
                {
                    "id": f"md-{n}-{len(rows)}",
                    "profile": profile,
                    "intended": tex,
                    "markdown": text + "\n",
                }
            )
        # kramdown's block form of $$ (the whole paragraph)
        rows.append(
            {
                "id": f"md-{n}-{len(rows)}",
                "profile": "default",
                "intended": tex,
                "markdown": "Before.\n\n$$\n" + tex + "\n$$\n\nAfter.\n",
            }
        )
    return rows


def main() -> None:
    if "--markdown" in sys.argv:
        for row in markdown_cases():
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    seen: set[tuple[str, bool]] = set()
    for split, seed in (("dev", 1), ("test", 2), ("fresh", 7)):
        for row in cases(split, seed):
            key = (str(row["tex"]), bool(row["display"]))
            if key in seen:
                continue
            seen.add(key)
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
