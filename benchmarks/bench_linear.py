"""Linear time: characters and rows per second of the pipeline at 1×, 10× and 100× the seeds.

Each of the five seed texts is repeated 1, 10 and 100 times into one text (7.8 MB in all at
100×) and segmented and extracted (``process_text``) once, after a warm-up that loads the
lexicon, the table of regions and the compiled patterns; the figures add up the five. Times
are CPU seconds of this process (the machine is shared: wall-clock time, printed beside,
measures the neighbours too). Printed: characters, seconds, characters
per second, rows per second and microseconds per character; then the per-character time at
100× over 1× (goal ≤ 1.5: extraction time grows linearly with the text, not with the square of
its numbers). ``MUBIAO_BENCH_FACTORS=1,10`` measures fewer sizes on a slow machine.

Then the real-world development set's first and current scores (``benchmarks/realworld.py``).

    .venv/bin/python benchmarks/bench_linear.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import realworld  # noqa: E402
from plans.pipeline.decode import decode_source  # noqa: E402
from plans.pipeline.run import process_text  # noqa: E402

SOURCES = sorted((ROOT / "data" / "sources").glob("0*.txt"))
GOAL = 1.5


def main() -> int:
    factors = [
        int(f) for f in os.environ.get("MUBIAO_BENCH_FACTORS", "1,10,100").split(",")
    ]
    seeds = [decode_source(p.read_bytes()).text for p in SOURCES]
    for seed in seeds:
        process_text(seed)  # warm-up: lexicon, regions, compiled patterns
    per_char: dict[int, float] = {}
    print(f"python {sys.version.split()[0]}; one run per size")
    for factor in factors:
        chars = rows = 0
        seconds = wall = 0.0
        for seed in seeds:
            text = "\n".join([seed] * factor)
            t0, w0 = time.process_time(), time.perf_counter()
            results = process_text(text)
            seconds += time.process_time() - t0
            wall += time.perf_counter() - w0
            chars += len(text)
            rows += sum(len(r) + sum(len(x.duplicates) for x in r) for _, r in results)
        per_char[factor] = seconds / chars
        print(
            f"{factor:>4}× seeds {chars:>10,} chars {seconds:8.2f} s  "
            f"{chars / seconds:>10,.0f} chars/s  {rows / seconds:>8,.0f} rows/s  "
            f"{per_char[factor] * 1e6:6.2f} µs/char  ({rows:,} rows with repeats; "
            f"wall clock {wall:.1f} s)",
            flush=True,
        )
    status = 0
    largest = max(per_char)
    if 1 in per_char and largest > 1:
        ratio = per_char[largest] / per_char[1]
        verdict = "OK" if ratio <= GOAL else "NOT LINEAR"
        print(
            f"per-character time {largest}× / 1×: {ratio:.2f} (goal ≤ {GOAL}) {verdict}"
        )
        status = 0 if ratio <= GOAL else 1

    realworld.report()
    return status


if __name__ == "__main__":
    sys.exit(main())
