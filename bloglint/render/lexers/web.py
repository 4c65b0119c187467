"""rouge's CSS, XML and HTML lexers (rouge/lexers/css.rb, xml.rb, html.rb)."""

from __future__ import annotations

import re
from typing import Any

from pygments.lexer import LexerContext, include
from pygments.token import (
    Comment,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
)

from bloglint.render.lexers.engine import (
    NSP,
    RougeLexer,
    S,
    delegate,
    goto_with,
    pop,
    rule_cb,
)
from bloglint.render.lexers.javascript import JavascriptLexer

CSS_ATTRIBUTES = frozenset(
    """
    align-content align-items align-self alignment-adjust alignment-baseline all
    anchor-point animation animation-delay animation-direction animation-duration
    animation-fill-mode animation-iteration-count animation-name animation-play-state
    animation-timing-function appearance azimuth backface-visibility background
    background-attachment background-clip background-color background-image
    background-origin background-position background-repeat background-size baseline-shift
    binding bleed bookmark-label bookmark-level bookmark-state bookmark-target border
    border-bottom border-bottom-color border-bottom-left-radius border-bottom-right-radius
    border-bottom-style border-bottom-width border-collapse border-color border-image
    border-image-outset border-image-repeat border-image-slice border-image-source
    border-image-width border-left border-left-color border-left-style border-left-width
    border-radius border-right border-right-color border-right-style border-right-width
    border-spacing border-style border-top border-top-color border-top-left-radius
    border-top-right-radius border-top-style border-top-width border-width bottom box-align
    box-decoration-break box-direction box-flex box-flex-group box-lines box-ordinal-group
    box-orient box-pack box-shadow box-sizing break-after break-before break-inside
    caption-side clear clip clip-path clip-rule color color-profile columns column-count
    column-fill column-gap column-rule column-rule-color column-rule-style column-rule-width
    column-span column-width content counter-increment counter-reset crop cue cue-after
    cue-before cursor direction display dominant-baseline drop-initial-after-adjust
    drop-initial-after-align drop-initial-before-adjust drop-initial-before-align
    drop-initial-size drop-initial-value elevation empty-cells filter fit fit-position flex
    flex-basis flex-direction flex-flow flex-grow flex-shrink flex-wrap float float-offset
    font font-family font-feature-settings font-kerning font-language-override font-size
    font-size-adjust font-stretch font-style font-synthesis font-variant
    font-variant-alternates font-variant-caps font-variant-east-asian font-variant-ligatures
    font-variant-numeric font-variant-position font-weight grid-cell grid-column
    grid-column-align grid-column-sizing grid-column-span grid-columns grid-flow grid-row
    grid-row-align grid-row-sizing grid-row-span grid-rows grid-template hanging-punctuation
    height hyphenate-after hyphenate-before hyphenate-character hyphenate-lines
    hyphenate-resource hyphens icon image-orientation image-rendering image-resolution
    ime-mode inline-box-align justify-content left letter-spacing line-break line-height
    line-stacking line-stacking-ruby line-stacking-shift line-stacking-strategy list-style
    list-style-image list-style-position list-style-type margin margin-bottom margin-left
    margin-right margin-top mark marker-offset marks mark-after mark-before
    marquee-direction marquee-loop marquee-play-count marquee-speed marquee-style mask
    max-height max-width min-height min-width move-to nav-down nav-index nav-left nav-right
    nav-up object-fit object-position opacity order orphans outline outline-color
    outline-offset outline-style outline-width overflow overflow-style overflow-wrap
    overflow-x overflow-y padding padding-bottom padding-left padding-right padding-top page
    page-break-after page-break-before page-break-inside page-policy pause pause-after
    pause-before perspective perspective-origin phonemes pitch pitch-range play-during
    pointer-events position presentation-level punctuation-trim quotes rendering-intent
    resize rest rest-after rest-before richness right rotation rotation-point ruby-align
    ruby-overhang ruby-position ruby-span size speak speak-as speak-header speak-numeral
    speak-punctuation speech-rate src stress string-set tab-size table-layout target
    target-name target-new target-position text-align text-align-last
    text-combine-horizontal text-decoration text-decoration-color text-decoration-line
    text-decoration-skip text-decoration-style text-emphasis text-emphasis-color
    text-emphasis-position text-emphasis-style text-height text-indent text-justify
    text-orientation text-outline text-overflow text-rendering text-shadow
    text-space-collapse text-transform text-underline-position text-wrap top transform
    transform-origin transform-style transition transition-delay transition-duration
    transition-property transition-timing-function unicode-bidi vertical-align visibility
    voice-balance voice-duration voice-family voice-pitch voice-pitch-range voice-range
    voice-rate voice-stress voice-volume volume white-space widows width word-break
    word-spacing word-wrap writing-mode z-index
""".split()
)


CSS_BUILTINS = frozenset(
    """
    above absolute always armenian aural auto avoid left bottom baseline behind below
    bidi-override blink block bold bolder both capitalize center center-left center-right
    circle cjk-ideographic close-quote collapse condensed continuous crop cross crosshair
    cursive dashed decimal decimal-leading-zero default digits disc dotted double e-resize
    embed expanded extra-condensed extra-expanded fantasy far-left far-right fast faster
    fixed georgian groove hebrew help hidden hide high higher hiragana hiragana-iroha icon
    inherit inline inline-table inset inside invert italic justify katakana katakana-iroha
    landscape large larger left-side leftwards level lighter line-through list-item loud low
    lower lower-alpha lower-greek lower-roman lowercase ltr medium message-box middle mix
    monospace n-resize narrower ne-resize no-close-quote no-open-quote no-repeat none normal
    nowrap nw-resize oblique once open-quote outset outside overline pointer portrait px
    relative repeat repeat-x repeat-y rgb ridge right right-side rightwards s-resize
    sans-serif scroll se-resize semi-condensed semi-expanded separate serif show silent slow
    slower small-caps small-caption smaller soft solid spell-out square static status-bar
    super sw-resize table-caption table-cell table-column table-column-group
    table-footer-group table-header-group table-row table-row-group text text-bottom
    text-top thick thin top transparent ultra-condensed ultra-expanded underline upper-alpha
    upper-latin upper-roman uppercase url visible w-resize wait wider x-fast x-high x-large
    x-loud x-low x-small x-soft xx-large xx-small yes
""".split()
)


CSS_CONSTANTS = frozenset(
    """
    indigo gold firebrick indianred yellow darkolivegreen darkseagreen mediumvioletred
    mediumorchid chartreuse mediumslateblue black springgreen crimson lightsalmon brown
    turquoise olivedrab cyan silver skyblue gray darkturquoise goldenrod darkgreen
    darkviolet darkgray lightpink teal darkmagenta lightgoldenrodyellow lavender yellowgreen
    thistle violet navy orchid blue ghostwhite honeydew cornflowerblue darkblue darkkhaki
    mediumpurple cornsilk red bisque slategray darkcyan khaki wheat deepskyblue darkred
    steelblue aliceblue gainsboro mediumturquoise floralwhite coral purple lightgrey
    lightcyan darksalmon beige azure lightsteelblue oldlace greenyellow royalblue
    lightseagreen mistyrose sienna lightcoral orangered navajowhite lime palegreen burlywood
    seashell mediumspringgreen fuchsia papayawhip blanchedalmond peru aquamarine white
    darkslategray ivory dodgerblue lemonchiffon chocolate orange forestgreen slateblue olive
    mintcream antiquewhite darkorange cadetblue moccasin limegreen saddlebrown darkslateblue
    lightskyblue deeppink plum aqua darkgoldenrod maroon sandybrown magenta tan rosybrown
    pink lightblue palevioletred mediumseagreen dimgray powderblue seagreen snow mediumblue
    midnightblue paleturquoise palegoldenrod whitesmoke darkorchid salmon lightslategray
    lawngreen lightgreen tomato hotpink lightyellow lavenderblush linen mediumaquamarine
    green blueviolet peachpuff
""".split()
)


CSS_VENDOR_PREFIXES = (
    "-ah- -atsc- -hp- -khtml- -moz- -ms- -o- -rim- -ro- -tc- -wap- -webkit- -xv- mso- prince-"
).split()


CSS_ID = (
    r"(?:[^\W\d]|[_-])[\w\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f"
    r"\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff-]*"
)


CSS_NUMBER = r"-?(?:[0-9]+(\.[0-9]+)?|\.[0-9]+)"


def _css_value_word(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    word = m.group(0)
    if word in CSS_CONSTANTS:
        return [(Name.Constant, word)]
    if word in CSS_BUILTINS:
        return [(Name.Builtin, word)]
    return [(Name, word)]


def _css_at_content_end(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    pop(ctx, 2)
    return [(Punctuation, m.group(0))]


def _css_property(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    name = m.group(1)
    if name in CSS_ATTRIBUTES or any(name.startswith(p) for p in CSS_VENDOR_PREFIXES):
        token = Name.Label
    else:
        token = Name.Property
    ctx.stack.append("stanza_value")
    return [(token, name), (Text, m.group(2)), (Punctuation, m.group(3))]


class CssLexer(RougeLexer):
    name = "css"
    aliases = ["css"]

    tokens = {
        "root": [
            include("basics"),
            (r"\{", Punctuation, "stanza"),
            (rf":[:]?{CSS_ID}", Name.Decorator),
            (rf"\.{CSS_ID}", Name.Class),
            (rf"#{CSS_ID}", Name.Function),
            (rf"@{CSS_ID}", Keyword, "at_rule"),
            (CSS_ID, Name.Tag),
            (r"[~^*!%&\[\]()<>|+=@:;,./?-]", Operator),
            (r'"(\\\\|\\"|[^"])*"', String.Single),
            (r"'(\\\\|\\'|[^'])*'", String.Double),
        ],
        "value": [
            include("basics"),
            (r"url\(.*?\)", String.Other),
            (r"#[0-9a-fA-F]{1,6}", Number),
            (
                rf"{CSS_NUMBER}(?:%|(?:em|px|pt|pc|in|mm|cm|ex|rem|ch|vw|vh|vmin|vmax|dpi|dpcm"
                r"|dppx|deg|grad|rad|turn|s|ms|Hz|kHz)\b)?",
                Number,
            ),
            (r"[\[\]():/.,]", Punctuation),
            (r'"(\\\\|\\"|[^"])*"', String.Single),
            (r"'(\\\\|\\'|[^'])*'", String.Double),
            (CSS_ID, rule_cb(_css_value_word)),
        ],
        "at_rule": [
            (rf"(?s)\{{(?={S}*{CSS_ID}{S}*:)", Punctuation, "at_stanza"),
            (r"\{", Punctuation, "at_body"),
            (r";", Punctuation, "#pop"),
            include("value"),
        ],
        "at_body": [include("at_content"), include("root")],
        "at_stanza": [include("at_content"), include("stanza")],
        "at_content": [(r"\}", rule_cb(_css_at_content_end))],
        "basics": [
            (rf"{S}+", Text),
            (r"(?s)/\*(?:.*?)\*/", Comment),
        ],
        "stanza": [
            include("basics"),
            (r"\}", Punctuation, "#pop"),
            (rf"(?s)({CSS_ID})({S}*)(:)", rule_cb(_css_property)),
        ],
        "stanza_value": [
            (r";", Punctuation, "#pop"),
            (r"(?=\})", Text, "#pop"),
            (rf"!{S}*important\b", Comment.Preproc),
            (r"^@.*?$", Comment.Preproc),
            include("value"),
        ],
    }


ML_NAME_START = r"(?:[^\W\d]|[:_])"  # [\p{L}:_]


ML_NAME_CHAR = r"[\w\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff:.\u00b7-]"  # noqa: E501  [\p{Word}\p{Cf}:.·-]


class XmlLexer(RougeLexer):
    name = "xml"
    aliases = ["xml"]

    tokens = {
        "root": [
            (r"[^<&]+", Text),
            (rf"&{NSP}*?;", Name.Entity),
            (r"<!\[CDATA\[.*?\]\]>", Comment.Preproc),
            (r"<!--", Comment, "comment"),
            (r"<\?.*?\?>", Comment.Preproc),
            (r"<![^>]*>", Comment.Preproc),
            (rf"<{S}*{ML_NAME_START}{ML_NAME_CHAR}*", Name.Tag, "tag"),
            (rf"<{S}*/{S}*{ML_NAME_START}{ML_NAME_CHAR}*{S}*>", Name.Tag),
        ],
        "comment": [
            (r"[^-]+", Comment),
            (r"-->", Comment, "#pop"),
            (r"-", Comment),
        ],
        "tag": [
            (rf"{S}+", Text),
            (rf"{ML_NAME_START}{ML_NAME_CHAR}*{S}*=", Name.Attribute, "attr"),
            (rf"/?{S}*>", Name.Tag, "#pop"),
        ],
        "attr": [
            (rf"{S}+", Text),
            (r"(?s)\".*?\"|'.*?'|[^ \t\n\v\f\r>]+", String, "#pop"),
        ],
    }


def _html_script(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    lexer.javascript = JavascriptLexer()
    lexer.javascript.stack = list(lexer.javascript.start_stack)
    ctx.stack.append("script_content")
    ctx.stack.append("tag")
    return [(Name.Tag, m.group(0))]


def _html_style(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    lexer.css = CssLexer()
    lexer.css.stack = list(lexer.css.start_stack)
    ctx.stack.append("style_content")
    ctx.stack.append("tag")
    return [(Name.Tag, m.group(0))]


def _html_to_js(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    return delegate(lexer.javascript, m.group(0))


def _html_to_css(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    return delegate(lexer.css, m.group(0))


class HtmlLexer(RougeLexer):
    name = "html"
    aliases = ["html"]

    def reset(self) -> None:
        self.javascript = JavascriptLexer()
        self.javascript.stack = list(self.javascript.start_stack)
        self.css = CssLexer()
        self.css.stack = list(self.css.start_stack)

    tokens = {
        "root": [
            (r"(?s)[^<&]+", Text),
            (rf"&{NSP}*?;", Name.Entity),
            (r"(?is)<!DOCTYPE .*?>", Comment.Preproc),
            (r"(?s)<!\[CDATA\[.*?\]\]>", Comment.Preproc),
            (r"<!--", Comment, "comment"),
            (r"(?s)<\?.*?\?>", Comment.Preproc),
            (rf"<{S}*script{S}*", rule_cb(_html_script)),
            (rf"<{S}*style{S}*", rule_cb(_html_style)),
            (r"</", Name.Tag, "tag_end"),
            (r"<", Name.Tag, "tag_start"),
        ],
        "tag_end": [
            include("tag_end_end"),
            (rf"(?:[^\W\d]|[:_-]){ML_NAME_CHAR}*", goto_with(Name.Tag, "tag_end_end")),
        ],
        "tag_end_end": [
            (rf"{S}+", Text),
            (r">", Name.Tag, "#pop"),
        ],
        "tag_start": [
            (rf"{S}+", Text),
            (rf"(?:[^\W\d]|[:_-]){ML_NAME_CHAR}*", goto_with(Name.Tag, "tag")),
            (r"", goto_with(Text, "tag")),
        ],
        "comment": [
            (r"[^-]+", Comment),
            (r"-->", Comment, "#pop"),
            (r"-", Comment),
        ],
        "tag": [
            (rf"{S}+", Text),
            (
                rf"(?:[^\W\d]|[:_\[\]()*.-])(?:{ML_NAME_CHAR}|[\[\]()*])*{S}*={S}*",
                Name.Attribute,
                "attr",
            ),
            (rf"(?:[^\W\d]|[:_*#-])(?:{ML_NAME_CHAR}|[*#])*", Name.Attribute),
            (rf"/?{S}*>", Name.Tag, "#pop"),
        ],
        "attr": [
            (r'"', goto_with(String, "dq")),
            (r"'", goto_with(String, "sq")),
            (r"[^ \t\n\v\f\r>]+", String, "#pop"),
        ],
        "dq": [(r'"', String, "#pop"), (r'[^"]+', String)],
        "sq": [(r"'", String, "#pop"), (r"[^']+", String)],
        "script_content": [
            (r"[^<]+", rule_cb(_html_to_js)),
            (rf"<{S}*/{S}*script{S}*>", Name.Tag, "#pop"),
            (r"<", rule_cb(_html_to_js)),
        ],
        "style_content": [
            (r"[^<]+", rule_cb(_html_to_css)),
            (rf"<{S}*/{S}*style{S}*>", Name.Tag, "#pop"),
            (r"<", rule_cb(_html_to_css)),
        ],
    }
