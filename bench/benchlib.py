"""Shared by the bench/*/report.py scripts."""


def read_meta(path):
    """The KEY<TAB>VALUE lines a run.sh wrote, as a dict."""
    meta = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("\t")
            meta[key] = value
    return meta


def section(path, name):
    """The part of the file at `path` between <!-- NAME:begin --> and
    <!-- NAME:end -->, markers included, or "" when there is none."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return ""
    start = text.find(begin)
    stop = text.find(end, start) if start >= 0 else -1
    return text[start:stop + len(end)] if stop >= 0 else ""


def replace_section(path, name, body):
    """Writes `body` as the NAME section of the file at `path`, replacing
    the old section or appending a new one; the rest stays as it is."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    new = f"{begin}\n{body.rstrip()}\n{end}"
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        text = ""
    old = section(path, name)
    text = text.replace(old, new) if old else text.rstrip() + "\n\n" + new + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
