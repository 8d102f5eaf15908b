"""Annotator: offline qualitative coding of interview transcripts, with de-identification built in."""

from importlib.metadata import PackageNotFoundError, version

try:  # one version, pyproject.toml's, read from the installed metadata (a packaged app carries it too)
    __version__ = version("annotator")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
del PackageNotFoundError, version
