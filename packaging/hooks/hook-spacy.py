"""spaCy, as pyinstaller-hooks-contrib's hook collects it (every submodule: its registries are filled by imports,
and its data files), less spacy.tests: 300 test modules that need pytest."""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

datas = collect_data_files("spacy", excludes=["tests/**"])
hiddenimports = collect_submodules("spacy", filter=lambda name: not name.startswith("spacy.tests"))
