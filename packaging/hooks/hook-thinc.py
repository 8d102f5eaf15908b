"""thinc, as pyinstaller-hooks-contrib's hook collects it, less thinc.tests (which need pytest)."""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

datas = collect_data_files("thinc", excludes=["tests/**"])
hiddenimports = collect_submodules("thinc", filter=lambda name: not name.startswith("thinc.tests"))
