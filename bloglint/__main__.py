"""Allow `python -m bloglint`."""

from bloglint.cli import main

raise SystemExit(main())
