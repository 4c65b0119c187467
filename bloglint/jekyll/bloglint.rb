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
# The BLOGLINT environment variable overrides `command`. GitHub Pages does not run custom
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
      command = ENV.fetch("BLOGLINT", options.fetch("command", "bloglint").to_s)
      fail_build = options.fetch("on_error", "fail").to_s != "warn"
      argv = Shellwords.split(command) + ["check", "--site", site.source]
      output, status = Open3.capture2e({ "NO_COLOR" => "1" }, *argv)
      report(output, status.exitstatus)
      return if status.success?

      message = status.exitstatus == 2 ? "bloglint could not run (see above)" : "bloglint found problems"
      raise Jekyll::Errors::FatalException, message if fail_build

      Jekyll.logger.warn "bloglint:", "#{message}; the build goes on (on_error: warn)"
    rescue Errno::ENOENT
      Jekyll.logger.warn "bloglint:", "`#{command}` was not found; install bloglint or set bloglint.jekyll_plugin.command"
    end

    def report(output, code)
      output.each_line do |line|
        text = line.chomp
        next if text.empty?

        if code.zero?
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
