"""Import: the five seeds into a fresh SQLite database with ``manage.py import_sources``
(goal: under 2 s), beside the pipeline alone over the same texts (the reference, measured
in the same run, after the same warm-up).

A throw-away database is migrated (not timed), the pipeline is run once over the seeds to
load the lexicon, regions and compiled patterns, then timed once (decode, segment and
extract: what the import does before it writes), then the import is timed: the catalogue
mirrored, every file's documents, sections, rows and department links written in bulk and
every derived value computed by the one refresh path. Printed: CPU seconds of this process
(the machine may be shared) and wall-clock seconds, the import over the reference, and the
same import again (the same bytes: nothing changes), and a fresh import with ``--publish``
(as ``make seed`` runs it: rows needing a decision accepted, documents published).

    .venv/bin/python benchmarks/bench_import.py
"""

from __future__ import annotations

import io
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL = 2.0  # seconds for the five seeds into a fresh database
SEEDS = sorted(str(p) for p in (ROOT / "data" / "sources").glob("0*.txt"))


def setup(var: Path) -> None:
    os.environ["MUBIAO_VAR_DIR"] = str(var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # As ``make run`` imports: debug off (no query log), a throw-away key if none is set.
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(work) -> tuple[float, float]:
    """(CPU seconds, wall-clock seconds) of ``work()``."""
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    return time.process_time() - cpu, time.perf_counter() - wall


def pipeline() -> None:
    from plans.pipeline.decode import decode_source
    from plans.pipeline.run import process_text

    for path in SEEDS:
        process_text(decode_source(Path(path).read_bytes()).text)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="mubiao-bench-") as var:
        setup(Path(var))
        from django.core.management import call_command

        from plans import models as m

        def run(*options: str) -> None:
            call_command("import_sources", *options, *SEEDS, stdout=io.StringIO())

        pipeline()  # warm-up
        reference = timed(pipeline)
        first = timed(run)
        rows = m.Target.objects.count()
        again = timed(run)
        call_command("flush", interactive=False, verbosity=0)
        published = timed(lambda: run("--publish"))
        print(f"{len(SEEDS)} seeds, {rows:,} rows stored")
        print(
            f"pipeline alone (reference)     {reference[0]:6.2f} s CPU "
            f"{reference[1]:6.2f} s wall"
        )
        print(
            f"import into a fresh database   {first[0]:6.2f} s CPU "
            f"{first[1]:6.2f} s wall  ({first[0] / reference[0]:.1f}× the reference)"
        )
        print(
            f"the same files again           {again[0]:6.2f} s CPU "
            f"{again[1]:6.2f} s wall  (nothing changes)"
        )
        print(
            f"fresh, with --publish          {published[0]:6.2f} s CPU "
            f"{published[1]:6.2f} s wall  (as make seed: accepted and published)"
        )
        ok = first[0] < GOAL
        print(
            f"fresh import under {GOAL:.0f} s of CPU: {'yes' if ok else 'NO'} "
            "(wall clock counts the machine's other work too)"
        )
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
