# Render Markdown snippets with the real kramdown, configured as Jekyll 4.3 configures it
# (GFM input, math_engine mathjax, smart quotes, paragraph_end quirk), so the math tests can
# compare bloglint's extraction with what the math engine really receives, without Ruby at
# test time.
#
# usage: ruby tools/render_kramdown.rb < markdown_cases.jsonl > tests/data/math/markdown.jsonl
# Each input line is a JSON object with "markdown"; the output line adds "html".
require "json"
require "kramdown"
require "kramdown-parser-gfm"

OPTIONS = {
  input: "GFM",
  auto_ids: true,
  entity_output: :as_char,
  smart_quotes: %w[lsquo rsquo ldquo rdquo],
  hard_wrap: false,
  gfm_quirks: [:paragraph_end],
  math_engine: "mathjax",
  syntax_highlighter: nil,
  parse_block_html: false,
  parse_span_html: true,
}.freeze

$stdin.each_line do |line|
  next if line.strip.empty?
  row = JSON.parse(line)
  row["html"] = Kramdown::Document.new(row["markdown"], OPTIONS).to_html
  $stdout.puts(JSON.generate(row))
end
