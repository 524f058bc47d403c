"""Open data: the indicator page's JSON twin against the page itself (the reference), and
the API's series of the same chart.

Imports the seeds into a throw-away SQLite database, then serves through Django's test
client (the whole middleware stack, no network): each URL cold (every cache emptied before
each request, so the page, its twin and the API build from the database) and warm (the
whole-page and API caches in use). Prints requests per second of each and whether the JSON
serves at least as fast as the HTML.

    .venv/bin/python benchmarks/bench_opendata.py
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COLD, WARM = 15, 200
REGION = "%E9%80%9A%E8%BE%BD%E5%B8%82"  # 通辽市
URLS = {
    "indicator page (HTML)": f"/indicators/gdp_growth/?region={REGION}",
    "its JSON twin": f"/indicators/gdp_growth/?region={REGION}&format=json",
    "API series": f"/api/v1/series/gdp_growth?region={REGION}",
}


def setup(var: Path) -> None:
    os.environ["MUBIAO_VAR_DIR"] = str(var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ["MUBIAO_API_RATE"] = "100000000/60"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    seeds = sorted(str(p) for p in (ROOT / "data" / "sources").glob("0*.txt"))
    call_command("import_sources", "--publish", *seeds, stdout=io.StringIO())


def rates(client, n: int, *, cold: bool) -> dict[str, float]:
    """Requests per second of each URL over ``n`` rounds; the URLs take turns within a
    round, so a busy machine slows them alike."""
    from django.core.cache import cache

    for url in URLS.values():
        client.get(url)  # warm imports, templates and connections
    totals = dict.fromkeys(URLS, 0.0)
    for _ in range(n):
        for label, url in URLS.items():
            if cold:
                cache.clear()
            start = time.perf_counter()
            response = client.get(url)
            totals[label] += time.perf_counter() - start
            assert response.status_code == 200, (url, response.status_code)
    return {label: n / total for label, total in totals.items()}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="mubiao-bench-") as var:
        setup(Path(var))
        from django.test import Client

        client = Client()
        cold, warm = rates(client, COLD, cold=True), rates(client, WARM, cold=False)
        results = {label: (cold[label], warm[label]) for label in URLS}
        for label, (c, w) in results.items():
            print(f"{label:24} cold {c:8.1f} req/s   warm {w:8.1f} req/s")
        html = results["indicator page (HTML)"]
        twin = results["its JSON twin"]
        print(
            f"JSON twin / HTML page: cold {twin[0] / html[0]:.2f}x, "
            f"warm {twin[1] / html[1]:.2f}x (reference: the HTML page, same run)"
        )
        ok = twin[0] >= html[0] and twin[1] >= 0.9 * html[1]
        print(
            "JSON serves at least as fast as HTML (cold; warm within noise):",
            "yes" if ok else "NO",
        )
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
