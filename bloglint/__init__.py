"""bloglint: lint a Jekyll blog and regenerate its feed the way Jekyll would."""

__version__ = "0.1.0"
