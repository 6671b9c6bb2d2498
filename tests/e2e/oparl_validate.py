#!/usr/bin/env python3
"""Walks the whole OParl API of a running `sagsspor serve` from /system and
validates every object against the OParl 1.1 schemas.

Usage: oparl_validate.py SAGSSPOR_BINARY EXAMPLES_DIR SCHEMA_DIR

Ingests the examples (and packets with an appointment and with a case in
two bodies, one Paper of two items) into a temporary
store, serves it on a free loopback port, follows every URL under the API
base (objects, external lists and their next links), and validates each
object — embedded ones too — against the schema named by its "type".
Prints "N passed, M failed" and exits non-zero on any failure.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import jsonschema

APPOINTMENT_PACKET = """KKR Nordjylland
Dato: 01-02-2021 10:00

1.1. Godkendelse af dagsorden
SAG-2021-00001 abc
Indstilling
Det indstilles, at dagsordenen godkendes.

1.2. Udpegning af medlem til Praksisplanudvalget
SAG-2021-00002 abc
Indstilling
Det indstilles, at KKR Nordjylland udpeger Mette Hansen (A) som medlem af Praksisplanudvalget.
"""

# The second item's case again, in another body: one Paper, two Consultations.
CASE_PACKET = """KKR Midtjylland
Dato: 01-03-2021 10:00

1.1. Godkendelse af dagsorden
Indstilling
Det indstilles, at dagsordenen godkendes.

1.2. Udpegning af medlem til Praksisplanudvalget, opfølgning
SAG-2021-00002 abc
Indstilling
Det indstilles, at orienteringen tages til efterretning.
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.load(r)


def main():
    binary, examples, schema_dir = sys.argv[1:4]
    schemas = {}
    for name in os.listdir(schema_dir):
        if name.endswith(".json"):
            with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
                schemas[name[:-5]] = json.load(f)
    work = tempfile.mkdtemp(prefix="oparl-")
    server = None
    passed, failures = 0, []
    try:
        packet = os.path.join(work, "udpegning.txt")
        with open(packet, "w", encoding="utf-8") as f:
            f.write(APPOINTMENT_PACKET)
        case_packet = os.path.join(work, "opfoelgning.txt")
        with open(case_packet, "w", encoding="utf-8") as f:
            f.write(CASE_PACKET)
        db = os.path.join(work, "db")
        subprocess.run([binary, "ingest", "--db", db, examples, packet, case_packet], check=True,
                       stdout=subprocess.DEVNULL)
        port = free_port()
        server = subprocess.Popen([binary, "serve", "--db", db, "--listen", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}/oparl/v1.1"
        for _ in range(100):
            try:
                fetch(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                time.sleep(0.1)

        seen, queue, kinds, lists, files = set(), [base + "/system"], {}, [], set()

        def check(obj, where):
            nonlocal passed
            kind = obj.get("type", "").rsplit("/", 1)[-1]
            if kind not in schemas:
                failures.append(f"{where}: unknown type {obj.get('type')!r}")
                return
            errors = list(jsonschema.validators.validator_for(schemas[kind])(schemas[kind]).iter_errors(obj))
            if errors:
                failures.append(f"{where} ({kind}): {errors[0].message}")
            elif kind != "System" and not (obj.get("created") and obj.get("modified")):
                failures.append(f"{where} ({kind}): {obj.get('id')} has no created/modified")
            else:
                passed += 1
                kinds[kind] = kinds.get(kind, 0) + 1
                if kind == "Paper" and len(obj.get("consultation", [])) > 1:
                    kinds["Paper of several items"] = kinds.get("Paper of several items", 0) + 1

        def walk(value, where):
            # Validate embedded objects and collect the API URLs to follow.
            if isinstance(value, dict):
                if str(value.get("type", "")).startswith("https://schema.oparl.org/1.1/"):
                    check(value, where)
                for k, v in value.items():
                    if k in ("accessUrl", "downloadUrl"):
                        files.add((v, value.get("mimeType", ""), k == "downloadUrl"))
                    else:
                        walk(v, where)
            elif isinstance(value, list):
                for v in value:
                    walk(v, where)
            elif isinstance(value, str) and value.startswith(base) and value not in seen:
                queue.append(value)

        while queue and len(seen) < 3000:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            try:
                doc = fetch(url)
            except Exception as e:  # noqa: BLE001 - any failure is a finding
                failures.append(f"{url}: cannot fetch: {e}")
                continue
            if "data" in doc and "pagination" in doc:
                p = doc["pagination"]
                if p["currentPage"] < p["totalPages"] and "next" not in doc["links"]:
                    failures.append(f"{url}: a page before the last without links.next")
                if "first" not in doc["links"] or "last" not in doc["links"]:
                    failures.append(f"{url}: links without first or last")
                if "?" not in url:
                    lists.append(url)
                walk(doc["data"], url)
                walk(doc["links"], url)
            else:
                if doc.get("id") != url.split("?")[0]:
                    failures.append(f"{url}: its id is {doc.get('id')!r}")
                walk(doc, url)
        # A File's bytes: served with its media type; downloads as an
        # attachment with a plain file name.
        for url, mime, download in sorted(files):
            try:
                with urllib.request.urlopen(url, timeout=10) as r:
                    body, ctype = r.read(), r.headers.get("Content-Type", "")
                    disposition = r.headers.get("Content-Disposition", "")
            except Exception as e:  # noqa: BLE001
                failures.append(f"{url}: cannot fetch: {e}")
                continue
            if not body or not ctype.startswith(mime):
                failures.append(f"{url}: {len(body)} bytes of {ctype!r}, expected {mime!r}")
            want = "attachment; filename=" if download else "inline; filename="
            if not disposition.startswith(want) or "/" in disposition:
                failures.append(f"{url}: Content-Disposition {disposition!r}")
            kinds["file bytes"] = kinds.get("file bytes", 0) + 1
        # The created/modified filters: everything was stored after 2000
        # and nothing after 2999; the filter is carried on every link.
        for url in lists:
            total = fetch(url)["pagination"]["totalElements"]
            past = fetch(url + "?created_since=2000-01-01T00:00:00%2B01:00")
            future = fetch(url + "?modified_since=2999-01-01T00:00:00Z")
            if past["pagination"]["totalElements"] != total:
                failures.append(f"{url}: created_since in the past dropped objects")
            if future["pagination"]["totalElements"] != 0 or future["data"]:
                failures.append(f"{url}: modified_since in the future kept objects")
            if any("created_since=" not in link for link in past["links"].values()):
                failures.append(f"{url}: a link does not carry the filter")
            try:
                fetch(url + "?created_until=tomorrow")
                failures.append(f"{url}: a bad filter value was accepted")
            except urllib.error.HTTPError as e:
                if e.code != 400:
                    failures.append(f"{url}: a bad filter value gave {e.code}, not 400")
        for kind in ("System", "Body", "Organization", "Meeting", "AgendaItem", "Paper", "Consultation", "Person",
                     "Membership", "Location", "File", "file bytes", "LegislativeTerm", "Paper of several items"):
            if not kinds.get(kind):
                failures.append(f"no {kind} object was reached")
    finally:
        if server:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    for f in failures[:50]:
        print("FAIL", f)
    print(f"objects by type: {json.dumps(kinds, sort_keys=True)}")
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
