"""Coverage of the seeds: numeric target and actual rows that reach an indicator.

Prints the share of the seeds' numeric target rows and numeric actual rows that the
catalogue maps (goal: 90 % each), per seed file and for all of them, and the time the
mapping takes beside the time extraction alone takes in the same run (the reference).

    .venv/bin/python benchmarks/bench_coverage.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plans.pipeline.catalogue import load_catalogue  # noqa: E402
from plans.pipeline.coverage import GOAL, pipeline_coverage  # noqa: E402
from plans.pipeline.decode import decode_source  # noqa: E402
from plans.pipeline.run import process_text  # noqa: E402

SOURCES = sorted((ROOT / "data" / "sources").glob("0*.txt"))


def main() -> int:
    catalogue = load_catalogue()
    texts = [decode_source(p.read_bytes()).text for p in SOURCES]
    for path, text in zip(SOURCES, texts, strict=True):
        cov = pipeline_coverage([text], catalogue)
        print(
            f"{path.name[:3]}: targets {cov.targets_mapped}/{cov.targets} "
            f"({cov.target_share:.1%}), actuals {cov.actuals_mapped}/{cov.actuals} "
            f"({cov.actual_share:.1%})"
        )
    start = time.perf_counter()
    for text in texts:
        process_text(text)
    extract_s = time.perf_counter() - start
    start = time.perf_counter()
    total = pipeline_coverage(texts, catalogue)
    mapped_s = time.perf_counter() - start
    print(f"all seeds: {total.describe()}")
    print(
        f"extract + map {mapped_s * 1000:.0f} ms vs extract alone "
        f"{extract_s * 1000:.0f} ms (reference)"
    )
    return 0 if total.meets(GOAL) else 1


if __name__ == "__main__":
    sys.exit(main())
