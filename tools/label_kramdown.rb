#!/usr/bin/env ruby
# frozen_string_literal: true

# Label kramdown fixtures with the real oracle: Jekyll's own Markdown converter
# (kramdown 2.4 + kramdown-parser-gfm + rouge, with Jekyll 4.3's default options).
#
#   ruby tools/label_kramdown.rb                 # (re)write tests/data/kramdown/*.html from *.md
#   ruby tools/label_kramdown.rb a.md b.md       # write a.html, b.html beside the inputs
#   ruby tools/label_kramdown.rb -               # render stdin to stdout
#
# Not run in CI: the Python tests only read the committed *.html files.
require "jekyll"
require "tmpdir"

site = Jekyll::Site.new(Jekyll.configuration("quiet" => true, "source" => Dir.mktmpdir,
                                             "destination" => Dir.mktmpdir))
converter = site.find_converter_instance(Jekyll::Converters::Markdown)
render = ->(text) { converter.convert(text) }

if ARGV == ["-"]
  $stdout.write(render.call($stdin.read))
  exit
end

inputs = ARGV.empty? ? Dir[File.join(__dir__, "..", "tests", "data", "kramdown", "*.md")].sort : ARGV
inputs.each do |path|
  out = path.sub(/\.md\z/, ".html")
  File.write(out, render.call(File.read(path, encoding: "utf-8")))
end
warn "labelled #{inputs.size} fixture(s)"
