"""Speed of the extraction stage: rows per second of ``process_text`` over the seeds.

Prints, for the five seed files one by one, for all of them, and for a 10x concatenation of
them, the time to segment and extract (``process_text``) beside the time to just read and
decode the same bytes in the same run (the reference). Runnable on its own:

    .venv/bin/python benchmarks/bench_extract.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plans.pipeline.decode import decode_source  # noqa: E402
from plans.pipeline.extract import extract_rows  # noqa: E402
from plans.pipeline.numbers import normalise  # noqa: E402
from plans.pipeline.run import process_text  # noqa: E402
from plans.pipeline.segment import find_documents  # noqa: E402

SOURCES = sorted((ROOT / "data" / "sources").glob("0*.txt"))


def _best(fn, repeat: int) -> tuple[float, object]:
    """The fastest of ``repeat`` runs (seconds) and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def _extract_only(text: str, repeat: int) -> float:
    """Seconds to extract the rows of already segmented documents (segmentation excluded)."""
    docs = find_documents(text)

    def run():
        norm = normalise(text)
        return [extract_rows(text, d, norm=norm) for d in docs]

    return _best(run, repeat)[0]


def _line(
    name: str, chars: int, read_s: float, run_s: float, ext_s: float, rows: int
) -> str:
    return (
        f"{name:<26} {chars:>8,} chars  read+decode {read_s * 1000:7.2f} ms  "
        f"process_text {run_s * 1000:8.2f} ms ({run_s / read_s:,.0f}x read)  "
        f"of which extract {ext_s * 1000:7.2f} ms  {rows:>5} rows  "
        f"{rows / run_s:>8,.0f} rows/s"
    )


def main() -> int:
    print(f"python {sys.version.split()[0]}; best of 5 runs each")
    texts = []
    slowest = 0.0
    for path in SOURCES:
        read_s, text = _best(lambda p=path: decode_source(p.read_bytes()).text, 5)
        run_s, results = _best(lambda t=text: process_text(t), 5)
        rows = sum(len(r) for _, r in results)
        slowest = max(slowest, run_s)
        texts.append(text)
        print(_line(path.name, len(text), read_s, run_s, _extract_only(text, 5), rows))

    data = [p.read_bytes() for p in SOURCES]
    for name, factor in (("all five seeds", 1), ("all five seeds x10", 10)):

        def read(factor=factor):
            return "\n".join(decode_source(b).text for b in data * factor)

        read_s, text = _best(read, 3)
        run_s, results = _best(lambda t=text: process_text(t), 3)
        rows = sum(len(r) for _, r in results)
        print(_line(name, len(text), read_s, run_s, _extract_only(text, 3), rows))

    print(
        "(the concatenations are one text each: the segmenter finds documents in it as in"
        " one file, so their row counts differ from the sum of the files')"
    )
    verdict = "OK" if slowest < 1.0 else "TOO SLOW"
    print(
        f"slowest seed: {slowest * 1000:.1f} ms (goal: well under 1 s per seed) {verdict}"
    )
    return 0 if slowest < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
