"""Annotator: offline qualitative coding of interview transcripts, with de-identification built in."""

__version__ = "0.1.0"
