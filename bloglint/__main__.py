"""Allow `python -m bloglint`."""

from bloglint.cli import run

run()
