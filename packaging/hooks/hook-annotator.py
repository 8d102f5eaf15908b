"""Annotator itself: resources/ and sample_transcripts/ (package data of the wheel), its metadata (the version in
Help > About and `annotator --version`), and every module (the CLI and GUI import many of theirs lazily)."""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, copy_metadata

datas = collect_data_files("annotator") + copy_metadata("annotator")
hiddenimports = collect_submodules("annotator")
