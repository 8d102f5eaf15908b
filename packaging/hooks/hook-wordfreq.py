"""wordfreq's English frequency lists only (annotator/deid/common_words.py asks for "en"): the other languages'
lists and the Chinese segmenter's dictionaries are 55 MB the app never reads."""

from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("wordfreq", includes=["data/*_en.msgpack.gz"])
