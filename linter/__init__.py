"""opslint: a static policy linter for operations scripts."""

__version__ = "0.1.0"
