"""Ingest throughput and memory: records/s and peak traced memory while streaming
a gzipped JSONL corpus and a gzipped WARC, both generated in a temporary directory.

Run: .venv/bin/python bench/ingest_stream.py [--rows 20000] [--records 2000]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import tempfile
import time
import tracemalloc
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from factionmap.ingest import iter_inputs


def write_jsonl(path: Path, rows: int) -> None:
    row = json.dumps({"text": "The envoy said the ceasefire would hold. " * 250}) + "\n"  # ~10 kB
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for _ in range(rows):
            out.write(row)


def write_warc(path: Path, records: int) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n in range(records):
            body = f"<html><body><p>Report {n}: shelling near the port.</p></body></html>".encode() * 20
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            record = writer.create_warc_record(f"https://news.example.org/{n}", "response",
                                               payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)


def measure(path: Path) -> None:
    start = time.perf_counter()
    count = sum(1 for _ in iter_inputs([str(path)]))
    seconds = time.perf_counter() - start
    tracemalloc.start()
    sum(1 for _ in iter_inputs([str(path)]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{path.name}: {count} records, {path.stat().st_size / 1e6:.1f} MB on disk, "
          f"{count / seconds:,.0f} records/s, peak traced memory {peak / 1e6:.2f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--records", type=int, default=2_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, archive = Path(tmp, "corpus.jsonl.gz"), Path(tmp, "news.warc.gz")
        write_jsonl(corpus, args.rows)
        write_warc(archive, args.records)
        measure(corpus)
        measure(archive)


if __name__ == "__main__":
    main()
