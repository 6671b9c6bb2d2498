"""Shared by the bench/*/report.py scripts."""


def read_meta(path):
    """The KEY<TAB>VALUE lines a run.sh wrote, as a dict."""
    meta = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("\t")
            meta[key] = value
    return meta
