#!/usr/bin/env python3
"""Turns search_bench's results into the search section of docs/performance.md.

Called by bench/search/run.sh only. The section lies between the lines
BEGIN and END below; it replaces an existing section and is appended when
there is none. Nothing else in the file is touched.
"""

import argparse
import math
import sys
import json
import os

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import read_meta  # noqa: E402

BEGIN = "<!-- search:begin -->"
END = "<!-- search:end -->"

GOAL_P50_MS = 1.0
GOAL_P99_MS = 10.0
GOAL_ITEMS_PER_S = 1000.0
GOAL_ITEMS = 100000

ENGINES = ["sagsspor", "fts5", "postgres", "xapian"]
LABEL = {
    "sagsspor": "Sagsspor",
    "fts5": "SQLite FTS5",
    "postgres": "PostgreSQL",
    "xapian": "bare Xapian",
    "sagsspor_disk": "Sagsspor, index on disk",
}
CLASSES = [
    ("single", "one word"),
    ("and", "two words (AND)"),
    ("phrase", "phrase"),
    ("prefix", "prefix (`kapacit*` …)"),
    ("year", "word + `year:` filter"),
    ("rare", "rare (case-number serial or a person's name)"),
    ("common", "common word"),
]




def met(ok):
    return "**met**" if ok else "**not met**"


def ms(x):
    return f"{x:.2f} ms" if x < 10 else f"{x:.1f} ms"


def mb(n):
    return f"{n / 1e6:.0f} MB" if n >= 1e7 else f"{n / 1e6:.1f} MB"


def ratio(a, b):
    if not b:
        return "–"
    r = a / b
    return f"{r:.1f}×" if r < 100 else f"{r:.0f}×"


def section(res, meta):
    out = []
    w = out.append
    runs = res["runs"]
    engines = [e for e in ENGINES if e in runs[0]["latency"]]
    big = max(runs, key=lambda r: r["items"])
    quick = big["items"] < GOAL_ITEMS

    w(BEGIN)
    w("## Search")
    w("")
    w("Written by `bench/search/run.sh` (run by `bench/run` after the ingest benchmark); the")
    w("numbers are from its last run. The rest of this file belongs to `bench/ingest/run.sh`,")
    w("which keeps this section when it rewrites the file. No test checks these timings.")
    w("")
    w("```sh")
    w("bench/search/run.sh            # builds search_bench, 10,000 and 100,000 items, rewrites this section")
    w("bench/search/run.sh --quick    # 10,000 items only")
    w("bench/search/run.sh --no-build --out /tmp/perf.md")
    w("```")
    w("")
    w("`build/bench/search_bench` (`bench/search/search_bench.cc`) builds four indexes over the same")
    w("generated items in one process and one run, and queries them in turn:")
    w("")
    w("- **Sagsspor**: `search::SearchIndex` (`src/search`), through its public API as the program")
    w("  uses it: one `Add()` per packet (as ingest does), then the merge `sagsspor ingest` runs after a")
    w("  batch (into one partition per core, at least two), one `Search()` per query with limit 10.")
    w("  `Search()` matches the partitions in parallel (its own thread pool, `src/search/parallel.h`) and returns what the program shows (hits")
    w("  with snippets, facets, a spelling suggestion); the baselines return ids only and run on one")
    w("  thread, as Xapian, FTS5 and a PostgreSQL backend do for one query.")
    w("- **SQLite FTS5**, untuned: `fts5(id UNINDEXED, year UNINDEXED, title, text,")
    w("  tokenize='unicode61 remove_diacritics 0')`, one transaction, `ORDER BY rank` (bm25),")
    w("  query words ANDed as FTS5 does by default; the year filter is `AND year = ?`.")
    w("- **PostgreSQL** " + res.get("pg_version", "") + ", untuned throwaway cluster: a generated")
    w("  `tsvector` column `to_tsvector('danish', title || ' ' || text)`, a GIN index, `COPY`,")
    w("  `ORDER BY ts_rank(tsv, q) DESC LIMIT 10` with `to_tsquery('danish', …)` (`&` between words,")
    w("  `<->` in phrases, `:*` for prefixes), over the unix socket; build time includes the index and")
    w("  `ANALYZE`.")
    w(f"- **Bare Xapian** {res.get('xapian_version', '')}: one database, `TermGenerator` with the Danish")
    w("  stemmer, `QueryParser` defaults (stemmer, `STEM_SOME`) except default operator AND and")
    w("  `FLAG_WILDCARD`, and `year:` as a boolean prefix; the same query strings as Sagsspor.")
    w("")
    w("Items are synthetic packets from `tests/fixtures` (`MakePacket`, seeds 1, 2, 3 …, the three")
    w("layouts in turn; each packet's expected model with ids of its own, since generated meetings")
    w("repeat body and date). Bodies and years vary, so the Sagsspor index has one shard per body")
    w(f"and year. The query mix has {len(big['queries'])} queries (seed {res['seed']}) in seven classes; every")
    w(f"engine runs every query once untimed (warm-up), then {res['rounds']} timed round(s), the engines' order")
    w("rotating per query. Latency is wall time per query in the benchmark process, including")
    w("reading the ten ids.")
    w("")

    # ------------------------------------------------------------ machine
    w(f"### Last run: {meta['date']}")
    w("")
    w(f"- Machine: {meta['nproc']} cores, {meta['cpu']}, {meta['mem']} RAM; {meta['os']}, kernel {meta['kernel']}")
    w(f"- Build: Release, {meta['compiler']}; commit {meta['commit']}"
      + (f" plus {meta['dirty']} uncommitted change(s) under src/" if meta.get("dirty", "0") != "0" else ""))
    w(f"- Baselines: SQLite {res.get('sqlite_version', '')} (FTS5), PostgreSQL {res.get('pg_version', '')},"
      f" Xapian {res.get('xapian_version', '')}, all built and queried in the same run as Sagsspor.")
    w(f"- Storage: every index (and the PostgreSQL cluster) on {meta['storage']}, so build times leave out"
      " the file system's work; the Sagsspor build was repeated three times with its index on disk"
      f" ({meta.get('disk_dir', '')}) at {runs[0]['items']:,} items to show what it costs (the median counts).")
    w(f"- The run took {meta['seconds']} s; load average before {meta['load_start']}, after {meta['load_end']}.")
    if quick:
        w(f"- **Quick run: {big['items']:,} items only.** The goals are stated for {GOAL_ITEMS:,} items and are"
          " judged here at the size measured.")
    w("")

    # ------------------------------------------------------------ goals
    lat = big["latency"]
    s = lat["sagsspor"]
    build = big["build"]
    rel = res.get("relevance", {})
    mean = rel.get("mean_ndcg", {})
    w("### Goals")
    w("")
    w(f"From the issue: *at {GOAL_ITEMS:,} items p50 ≤ {GOAL_P50_MS:g} ms and p99 ≤ {GOAL_P99_MS:g} ms, ahead of FTS5,"
      f" PostgreSQL and bare Xapian; indexing ≥ {GOAL_ITEMS_PER_S:,.0f} items/s; higher nDCG@10 than FTS5.*")
    w("")
    w("| Goal | Measured | Status |")
    w("|---|---|---|")
    n = f"{big['items']:,} items"
    w(f"| p50 ≤ {GOAL_P50_MS:g} ms ({n}) | {ms(s['p50_ms'])} | {met(s['p50_ms'] <= GOAL_P50_MS)} |")
    w(f"| p99 ≤ {GOAL_P99_MS:g} ms ({n}) | {ms(s['p99_ms'])} | {met(s['p99_ms'] <= GOAL_P99_MS)} |")
    for e in engines[1:]:
        b = lat[e]
        ahead = s["p50_ms"] < b["p50_ms"] and s["p99_ms"] < b["p99_ms"]
        w(f"| ahead of {LABEL[e]} (p50 and p99, {n}) | {LABEL[e]} p50 {ms(b['p50_ms'])}, p99 {ms(b['p99_ms'])};"
          f" Sagsspor takes {ratio(s['p50_ms'], b['p50_ms'])} / {ratio(s['p99_ms'], b['p99_ms'])} of that | {met(ahead)} |")
    rate = build["sagsspor"]["items_per_s"]
    w(f"| indexing ≥ {GOAL_ITEMS_PER_S:,.0f} items/s ({n}, index on {meta['storage'].split(' ')[0]}) |"
      f" {math.floor(rate):,} items/s | {met(rate >= GOAL_ITEMS_PER_S)} |")
    first = runs[0]
    if "sagsspor_disk" in first["build"]:
        d = first["build"]["sagsspor_disk"]
        spread = ""
        if len(d.get("all_seconds", [])) > 1:
            rates = sorted(first["items"] / t for t in d["all_seconds"])
            spread = f" (median of {len(rates)} builds, {math.floor(rates[0]):,}–{math.floor(rates[-1]):,})"
        w(f"| indexing ≥ {GOAL_ITEMS_PER_S:,.0f} items/s ({first['items']:,} items, index on disk) |"
          f" {math.floor(d['items_per_s']):,} items/s{spread} | {met(d['items_per_s'] >= GOAL_ITEMS_PER_S)} |")
    if mean:
        w(f"| nDCG@10 higher than FTS5 ({rel.get('judged_queries', 0)} judged queries) |"
          f" {mean.get('sagsspor', 0):.3f} vs {mean.get('fts5', 0):.3f} | {met(mean.get('sagsspor', 0) > mean.get('fts5', 0))} |")
    w("")

    # ------------------------------------------------------------ build
    w("### Building the index")
    w("")
    w("| Items | Packets | Text | Sagsspor shards | Engine | Build | Items/s | Index size |")
    w("|---|---|---|---|---|---|---|---|")
    for r in runs:
        for e in engines + ["sagsspor_disk"]:
            if e not in r["build"]:
                continue
            b = r["build"][e]
            w(f"| {r['items']:,} | {r['packets']:,} | {mb(r['text_bytes'])} | {r['shards']} | {LABEL[e]} |"
              f" {b['seconds']:.1f} s | {b['items_per_s']:,.0f} | {mb(b['disk_bytes'])} |")
    w("")
    w("Sagsspor commits each packet to its shard in its own Xapian transaction (as ingest does),")
    w("without waiting for the disk (no fsync: the store is the record, and `sagsspor serve`")
    w("repairs the index from it after a crash, `SearchIndex::Reconcile`); the baselines load")
    w("everything in one transaction. The build time includes the merge, which fills in the")
    w("spelling table (one transaction per shard) and compacts the partitions on every core; a")
    w("packet's entries are analysed on every core too. Sagsspor's index size includes the stored")
    w("item texts (for snippets) and the spelling table.")
    w("")

    # ------------------------------------------------------------ latency
    w("### Query latency (top 10)")
    w("")
    w("Ratio columns: Sagsspor's time divided by the engine's (above 1× means Sagsspor is slower).")
    w("")
    w("| Items | Engine | p50 | p90 | p99 | max | mean | Sagsspor ÷ engine, p50 | Sagsspor ÷ engine, p99 |")
    w("|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        ls = r["latency"]["sagsspor"]
        for e in engines:
            x = r["latency"][e]
            w(f"| {r['items']:,} | {LABEL[e]} | {ms(x['p50_ms'])} | {ms(x['p90_ms'])} | {ms(x['p99_ms'])} |"
              f" {ms(x['max_ms'])} | {ms(x['mean_ms'])} |"
              f" {'–' if e == 'sagsspor' else ratio(ls['p50_ms'], x['p50_ms'])} |"
              f" {'–' if e == 'sagsspor' else ratio(ls['p99_ms'], x['p99_ms'])} |")
    w("")
    w(f"By query class at {big['items']:,} items (p50 / p99):")
    w("")
    w("| Class | Queries | " + " | ".join(LABEL[e] for e in engines) + " |")
    w("|---|---|" + "---|" * len(engines))
    for cls, desc in CLASSES:
        if cls not in lat["sagsspor"]["by_class"]:
            continue
        nq = sum(1 for q in big["queries"] if q["class"] == cls)
        cells = []
        for e in engines:
            c = lat[e]["by_class"][cls]
            cells.append(f"{ms(c['p50_ms'])} / {ms(c['p99_ms'])}")
        w(f"| {desc} | {nq} | " + " | ".join(cells) + " |")
    w("")
    slow = sorted(big["queries"], key=lambda q: -q["sagsspor"]["max_ms"])[:5]
    w("Slowest queries for Sagsspor at this size (worst round): "
      + "; ".join(f"`{q['query']}` {ms(q['sagsspor']['max_ms'])}" for q in slow) + ".")
    w("")
    w("Reading these numbers: the engines take turns query by query, so each engine's query")
    w("follows tens of milliseconds of the others' work (PostgreSQL's most). Its data is then")
    w("out of the CPU caches, and the thread that matches Sagsspor's second partition has been")
    w("asleep: a search wakes it before parsing the query, and it takes some 20 to 100 µs to")
    w("start. Queries that follow each other closely (a loaded server) are faster for all")
    w("engines; run `search_bench --engines sagsspor,xapian --reuse` to see it. These tables")
    w("measure the colder case.")
    w("")
    # Queries where the engines disagree on whether anything matches.
    odd = []
    for q in big["queries"]:
        hs = q["sagsspor"]["hits"]
        others = {e: q[e]["hits"] for e in engines[1:]}
        if hs == 0 and any(v > 0 for v in others.values()):
            odd.append(f"`{q['query']}` (Sagsspor 0, " + ", ".join(f"{LABEL[e]} {v}" for e, v in others.items()) + ")")
    seen = []
    for x in odd:
        if x not in seen:
            seen.append(x)
    if seen:
        w("Queries of the mix for which Sagsspor found nothing while a baseline found hits: " + "; ".join(seen[:10])
          + ("" if len(seen) <= 10 else f"; and {len(seen) - 10} more") + ".")
        w("")

    # ------------------------------------------------------------ relevance
    if rel:
        w("### Relevance: nDCG@10")
        w("")
        w(f"{rel.get('judged_queries', 0)} judged queries (`bench/search/judgments.tsv`, grades 1–3, gain 2^g − 1) over")
        w(f"one collection of {rel['collection']['entries']} entries: the real KKR Sjælland agenda of 2020-09-07 (15")
        w("items, parsed as ingest parses it) and the two attachment files of 2020-09-07 and 2025-04-08")
        w("(one document each, as ingest stores them) from `../shared/corpus`, read in place; plus")
        w("synthetic packets with fixed seeds (" + ", ".join(rel.get("seeds", [])) + ").")
        w("Every engine indexes the same texts; an engine that returns nothing for a query scores 0.")
        w("")
        w("| Engine | Mean nDCG@10 | Queries with no hit | Queries scoring 1.0 |")
        w("|---|---|---|---|")
        judged = [q for q in rel["queries"] if q["relevant"] > 0]
        for e in engines:
            empty = sum(1 for q in judged if q[e]["hits"] == 0)
            perfect = sum(1 for q in judged if q[e].get("ndcg", 0) >= 0.9995)
            w(f"| {LABEL[e]} | {mean.get(e, 0):.3f} | {empty} | {perfect} |")
        w("")
        none = [q for q in rel["queries"] if q["relevant"] == 0]
        if none:
            w("Queries with nothing relevant in the collection (any hit is a false positive): "
              + "; ".join(f"`{q['query']}`: " + ", ".join(f"{LABEL[e]} {q[e]['hits']}" for e in engines) for q in none)
              + ".")
            w("")
        worse = [q for q in judged if q["sagsspor"].get("ndcg", 0) + 1e-9 < q["fts5"].get("ndcg", 0)]
        zero = [q for q in judged if q["sagsspor"]["hits"] == 0]
        if worse:
            w("Queries where Sagsspor scores below FTS5: "
              + "; ".join(f"`{q['query']}` ({q['sagsspor']['ndcg']:.2f} vs {q['fts5']['ndcg']:.2f})" for q in worse) + ".")
            w("")
        if zero:
            w("Judged queries for which Sagsspor returns nothing: "
              + "; ".join(f"`{q['query']}` ({q['relevant']} relevant)" for q in zero) + ".")
            w("")
        w("The per-query table is in the appendix below.")
        w("")

    # ------------------------------------------------------------ problems
    w("### Problems found in this run")
    w("")
    problems = list(res.get("problems", []))
    for r in runs:
        if r["build"]["sagsspor"].get("size", r["items"]) != r["items"]:
            problems.append(f"Sagsspor index holds {r['build']['sagsspor']['size']} of {r['items']} items")
    w("\n".join(f"- {p}" for p in problems) if problems else
      "No engine failed or crashed on any query; see the goals, the class table and the relevance"
      " section for what was slow or missed.")
    w("")

    # ------------------------------------------------------------ appendix
    if rel:
        w("### Appendix: nDCG@10 per judged query")
        w("")
        w("nDCG@10 (hits returned, at most 10). Relevant = number of judged ids.")
        w("")
        w("| Query | Relevant | " + " | ".join(LABEL[e] for e in engines) + " |")
        w("|---|---|" + "---|" * len(engines))
        for q in rel["queries"]:
            cells = []
            for e in engines:
                c = q[e]
                if q["relevant"] == 0:
                    cells.append(f"{c['hits']} false hit(s)")
                else:
                    cells.append(f"{c['ndcg']:.2f} ({c['hits']})")
            w(f"| `{q['query']}` | {q['relevant']} | " + " | ".join(cells) + " |")
        w("")
    w(END)
    return out


def splice(path, lines):
    """Replaces the marked section in path, or appends it."""
    text = ""
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            text = f.read()
    block = "\n".join(lines) + "\n"
    start = text.find(BEGIN)
    end = text.find(END, start if start >= 0 else 0)
    if start >= 0 and end >= 0:
        end += len(END)
        if text[end:end + 1] == "\n":
            end += 1
        text = text[:start] + block + text[end:]
    else:
        if text and not text.endswith("\n"):
            text += "\n"
        text += ("\n" if text else "") + block
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--meta", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    with open(args.results, encoding="utf-8") as f:
        res = json.load(f)
    lines = section(res, read_meta(args.meta))
    splice(args.out, lines)
    print("\n".join(lines[lines.index("### Goals"):lines.index("### Building the index")]))


if __name__ == "__main__":
    main()
