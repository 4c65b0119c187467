# frozen_string_literal: true

# bloglint for Jekyll: runs `bloglint check` right after Jekyll has read the site, so
# `jekyll build` and `jekyll serve` show bloglint's findings where you already look, and
# stop the build on them.
#
# Installed by `bloglint jekyll-plugin` into the site's _plugins/ folder. Settings, all
# optional, live in _config.yml:
#
#   bloglint:
#     jekyll_plugin:
#       on_error: fail        # fail (default): stop the build; warn: log and go on
#       command: bloglint     # how to run bloglint (e.g. ".venv/bin/bloglint")
#
# The BLOGLINT environment variable overrides `command`. A configuration error (bloglint
# exits 2) always stops the build; when bloglint cannot be found the build goes on with a
# warning. `jekyll build --drafts` checks the drafts too. GitHub Pages does not run custom
# plugins; there, run bloglint in CI instead (see bloglint's README).

require "open3"
require "shellwords"

module Bloglint
  # Runs the linter once per build and turns its verdict into Jekyll's.
  module JekyllHook
    module_function

    def settings(site)
      section = site.config["bloglint"]
      section = {} unless section.is_a?(Hash)
      plugin = section["jekyll_plugin"]
      plugin.is_a?(Hash) ? plugin : {}
    end

    def run(site)
      options = settings(site)
      argv = command(options) + ["check", "--site", site.source]
      argv << "--drafts" if site.show_drafts # `jekyll build --drafts` publishes them, so check them
      # Jekyll's watcher (serve, build --watch) rebuilds on any change under the source that
      # `exclude` does not name, and bloglint's cache lives there: writing it would rebuild forever.
      argv << "--no-cache" if site.config["watch"]
      begin
        output, status = Open3.capture2e({ "NO_COLOR" => "1" }, *argv)
      rescue Errno::ENOENT, Errno::EACCES
        Jekyll.logger.warn "bloglint:", "`#{argv.first}` could not be run, so this build is not checked; " \
                                        "install bloglint or set bloglint.jekyll_plugin.command (or BLOGLINT)"
        return
      end
      # Python writes UTF-8 even under LANG=C, where Ruby would read US-ASCII and Jekyll's
      # logger would then fail on the first non-ASCII character.
      output = output.dup.force_encoding(Encoding::UTF_8).scrub
      verdict(output, status, options.fetch("on_error", "fail").to_s != "warn")
    end

    # The BLOGLINT environment variable, else the `command` setting, else `bloglint`.
    def command(options)
      from_env = ENV["BLOGLINT"].to_s.strip
      line = from_env.empty? ? options.fetch("command", "bloglint").to_s : from_env
      words = Shellwords.split(line)
      raise ArgumentError, "it is empty" if words.empty?

      words
    rescue ArgumentError => e # e.g. an unmatched quote
      origin = from_env.empty? ? "bloglint.jekyll_plugin.command" : "BLOGLINT"
      raise Jekyll::Errors::FatalException, "bloglint: #{origin} `#{line}` is no command line: #{e.message}"
    end

    # Exit 0 passes, 1 means findings (stop unless on_error: warn), 2 a usage or
    # configuration error, which always stops the build: it is fixed in _config.yml.
    def verdict(output, status, fail_build)
      code = status.exitstatus
      report(output, code)
      return if code&.zero?

      if code == 2
        detail = output.lines.map(&:strip).reject(&:empty?).last.to_s.delete_prefix("bloglint: ")
        raise Jekyll::Errors::FatalException, "bloglint could not check the site: #{detail}"
      end
      message = if code == 1 && !output.include?("Traceback (most recent call last)")
                  "bloglint found problems (listed above)"
                else
                  "bloglint failed (#{status}); its output is above"
                end
      raise Jekyll::Errors::FatalException, message if fail_build

      Jekyll.logger.warn "bloglint:", "#{message}; the build goes on (on_error: warn)"
    end

    def report(output, code)
      output.each_line do |line|
        text = line.chomp.delete_prefix("bloglint: ") # the topic already says so
        next if text.empty?

        if code&.zero?
          Jekyll.logger.info "bloglint:", text
        else
          Jekyll.logger.warn "bloglint:", text
        end
      end
    end
  end
end

Jekyll::Hooks.register :site, :post_read do |site|
  Bloglint::JekyllHook.run(site)
end
