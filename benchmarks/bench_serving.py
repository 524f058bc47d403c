"""Serving benchmark: the project under its production server (gunicorn, config/gunicorn.py)
beside Datasette on the same SQLite file and a static file through WhiteNoise, loaded with
wrk, at 10k and 1M synthetic rows (``manage.py synth_targets``).

For each size it prints requests/s, p50 and p99 of:
- a static file through WhiteNoise (the reference: the fastest the app server can answer);
- a cached public page (a region's overview, whole from the page cache);
- the uncached series JSON the app serves (``/api/v1/series/<indicator>?region=``; every
  request carries a new query parameter, so neither cache can answer it);
- Datasette's JSON of the same rows (the same SQL: the series' filters and joins);
- the cached page through nginx (deploy/nginx.conf) when nginx is installed;
then the ratios against the goals, and the SQL queries each public page takes at each size.

Environment: BENCH_SERVING_SIZES (default "10000,1000000"), BENCH_SERVING_SECONDS (wrk
duration per target, default 10), BENCH_SERVING_CONNECTIONS (default 32), BENCH_SERVING_PORTS
(app, Datasette, nginx; default "8106,8206,8306"), BENCH_SERVING_DIR (databases, default
var/bench/; a database of the same size and seed is reused).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BENCH_VENV = ROOT / ".venv-bench"
SIZES = [
    int(s) for s in os.environ.get("BENCH_SERVING_SIZES", "10000,1000000").split(",")
]
SECONDS = int(os.environ.get("BENCH_SERVING_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_SERVING_CONNECTIONS", "32"))
APP_PORT, DATASETTE_PORT, NGINX_PORT = (
    int(p) for p in os.environ.get("BENCH_SERVING_PORTS", "8106,8206,8306").split(",")
)
WORKDIR = Path(os.environ.get("BENCH_SERVING_DIR", ROOT / "var" / "bench"))
SEED = 1
INDICATOR = "gdp_growth"
SECRET = "bench-only-secret-key-not-for-production-0123456789abcdefghij"

# The series' rows as Datasette is asked for them: the same filters, joins and query shape
# as the app's (plans/api/series.py: the union of the rows whose first indicator it is and
# those counting it as a further one, each searched by the region's published documents).
SERIES_SQL = """
select t.id, t.year, t.kind, t.comparator, t.qualifier, t.value, t.value_max,
  t.value_text, t.unit, t.normalised_value, t.normalised_unit, t.value_missing,
  t.conflict, t.start, t."end", t.quote, t.document_id, d.title as document_title,
  d.kind as document_kind, d.year as document_year, r.slug as region
from plans_target t
  join plans_document d on d.id = t.document_id
  join plans_region r on r.id = d.region_id
where t.document_id in (select d2.id from plans_document d2 join plans_region r2
    on r2.id = d2.region_id where r2.slug = :region and d2.status = 'published')
  and t.review_status != 'rejected' and t.kind in ('target', 'actual')
  and t.indicator_id = (select id from plans_indicator where code = :indicator)
union
select t.id, t.year, t.kind, t.comparator, t.qualifier, t.value, t.value_max,
  t.value_text, t.unit, t.normalised_value, t.normalised_unit, t.value_missing,
  t.conflict, t.start, t."end", t.quote, t.document_id, d.title as document_title,
  d.kind as document_kind, d.year as document_year, r.slug as region
from plans_target t
  join plans_document d on d.id = t.document_id
  join plans_region r on r.id = d.region_id
where t.document_id in (select d2.id from plans_document d2 join plans_region r2
    on r2.id = d2.region_id where r2.slug = :region and d2.status = 'published')
  and t.review_status != 'rejected' and t.kind in ('target', 'actual')
  and t.id in (select target_id from plans_target_other_indicators
    where indicator_id = (select id from plans_indicator where code = :indicator))
order by 2, 19, 17, 14
"""

# A new query parameter on every request: no cache can answer.
UNIQUE_LUA = """
counter = 0
request = function()
  counter = counter + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "nocache=" .. counter .. "-" .. math.random(1, 1000000000))
end
"""


@dataclass
class Load:
    name: str
    requests: float
    p50_ms: float
    p99_ms: float
    errors: int


def log(text: str) -> None:
    print(text, flush=True)


def debian_tool(command: str, package: str) -> str | None:
    """The path of ``command``, installing Debian's ``package`` when it is missing."""
    found = shutil.which(command) or shutil.which(command, path="/usr/sbin:/usr/bin")
    if found:
        return found
    log(f"{command} is missing: installing Debian's {package}")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=False, env=env)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", package],
        check=False,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return shutil.which(command) or shutil.which(command, path="/usr/sbin:/usr/bin")


def ensure_wrk() -> str:
    found = debian_tool("wrk", "wrk")
    if not found:
        raise SystemExit("wrk could not be installed (apt-get install wrk)")
    return found


def env_for(var_dir: Path) -> dict:
    return dict(
        os.environ,
        MUBIAO_VAR_DIR=str(var_dir),
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_DEBUG="",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        MUBIAO_API_RATE="1000000000/1",
        PYTHONDONTWRITEBYTECODE="1",
    )


def manage(var_dir: Path, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env_for(var_dir),
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def prepare(rows: int) -> Path:
    """A database with ``rows`` synthetic rows (reused when it is already there)."""
    var_dir = WORKDIR / f"rows-{rows}-seed-{SEED}"
    done = var_dir / "ready"
    if done.exists():
        log(f"  reusing {var_dir}")
        manage(var_dir, "migrate", "--noinput", "--verbosity", "0")
        manage(var_dir, "collectstatic", "--noinput", "--verbosity", "0")
        return var_dir
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    manage(var_dir, "migrate", "--noinput", "--verbosity", "0")
    manage(var_dir, "load_catalogue", "--no-map")
    log(
        "  "
        + manage(
            var_dir, "synth_targets", "--rows", str(rows), "--seed", str(SEED)
        ).strip()
    )
    manage(var_dir, "collectstatic", "--noinput", "--verbosity", "0")
    done.write_text("ok\n")
    return var_dir


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
                return
        except Exception:  # noqa: BLE001 — not up yet
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


@contextmanager
def process(args: list[str], *, env: dict, cwd: Path = ROOT, log_file: Path):
    with open(log_file, "w") as out:
        proc = subprocess.Popen(
            args,
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def wrk(wrk_bin: str, name: str, url: str, *, unique: bool = False) -> Load:
    args = [
        wrk_bin,
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS}s",
        "--latency",
        "-H",
        "Accept-Encoding: gzip",
    ]
    script = None
    if unique:
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        script.write(UNIQUE_LUA)
        script.close()
        args += ["-s", script.name]
    out = subprocess.run(
        [*args, url], capture_output=True, text=True, check=True
    ).stdout
    if script:
        os.unlink(script.name)
    return Load(
        name=name,
        requests=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        p50_ms=_ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
        p99_ms=_ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),
        errors=_errors(out),
    )


def _ms(text: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def _errors(out: str) -> int:
    errors = 0
    match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if match:
        errors += int(match.group(1))
    match = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    if match:
        errors += sum(int(g) for g in match.groups())
    return errors


def static_path(var_dir: Path) -> str:
    manifest = json.loads((var_dir / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/mubiao.css"]


def bench_region(var_dir: Path) -> str:
    out = manage(var_dir, "shell", "-c", QUERY_REGION)
    return out.strip().splitlines()[-1]


QUERY_REGION = (
    "from plans import models as m; "
    "print(m.Region.objects.filter(name__startswith='合成').order_by('name').first().slug)"
)

QUERY_COUNTS = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from plans import models as m
region = m.Region.objects.filter(name__startswith="合成").order_by("name").first()
document = m.Document.objects.filter(region=region).order_by("id").first()
urls = ["/", f"/regions/{region.slug}/", "/indicators/",
        f"/indicators/gdp_growth/?region={region.slug}",
        f"/sectors/economy/?region={region.slug}", f"/regions/{region.slug}/compare/",
        "/documents/", f"/documents/{document.pk}/", "/departments/", "/search/?q=增长",
        f"/api/v1/series/gdp_growth?region={region.slug}"]
counts = {}
for url in urls:
    client = Client()
    client.cookies["bench-uncached"] = "1"  # past the page cache: the view's own queries
    with CaptureQueriesContext(connection) as captured:
        status = client.get(url).status_code
    counts[url.replace(region.slug, "<region>")] = (status, len(captured))
print(json.dumps(counts, ensure_ascii=False))
"""


def query_counts(var_dir: Path) -> dict[str, tuple[int, int]]:
    out = manage(var_dir, "shell", "-c", QUERY_COUNTS)
    return json.loads(out.strip().splitlines()[-1])


def nginx_config(var_dir: Path, nginx: str | None = None) -> Path | None:
    """deploy/nginx.conf with its placeholders filled in, in front of the app port."""
    if (nginx or NGINX) is None:
        return None
    cache_dir = var_dir / "nginx"
    shutil.rmtree(cache_dir, ignore_errors=True)
    cache_dir.mkdir(parents=True)
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    for key, value in {
        "@LISTEN@": str(NGINX_PORT),
        "@UPSTREAMS@": f"        server 127.0.0.1:{APP_PORT};",
        "@STATIC_ROOT@": str(var_dir / "staticfiles"),
        "@CACHE_DIR@": str(cache_dir),
        "@PID@": str(cache_dir / "nginx.pid"),
        "@LOG_DIR@": str(cache_dir),
    }.items():
        text = text.replace(key, value)
    path = cache_dir / "nginx.conf"
    path.write_text(text)
    return path


def ensure_datasette() -> Path:
    datasette = BENCH_VENV / "bin" / "datasette"
    if not datasette.exists():
        raise SystemExit(
            "Datasette is not installed: run `make bench` (it installs "
            "requirements-bench.txt into .venv-bench/)"
        )
    return datasette


def run_size(rows: int, wrk_bin: str, datasette: Path) -> dict:
    log(f"\n== {rows:,} rows (load average {os.getloadavg()[0]:.1f})")
    var_dir = prepare(rows)
    region = bench_region(var_dir)
    quoted = urllib.parse.quote(region)
    app = f"http://127.0.0.1:{APP_PORT}"
    series_url = f"{app}/api/v1/series/{INDICATOR}?region={quoted}"
    page_url = f"{app}/regions/{quoted}/"
    params = urllib.parse.urlencode(
        {"sql": SERIES_SQL, "region": region, "indicator": INDICATOR, "_shape": "array"}
    )
    datasette_url = f"http://127.0.0.1:{DATASETTE_PORT}/mubiao.json?{params}"
    results: dict[str, Load] = {}
    gunicorn = [PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.py"]
    env = env_for(var_dir) | {"HOST": f"127.0.0.1:{APP_PORT}"}
    with process(gunicorn, env=env, log_file=var_dir / "gunicorn.log"):
        wait_for(f"{app}{static_path(var_dir)}")
        for _ in range(20):  # every worker stores the page once
            urllib.request.urlopen(page_url, timeout=60).read()
        urllib.request.urlopen(series_url, timeout=60).read()
        results["static"] = wrk(
            wrk_bin, "static file (WhiteNoise)", app + static_path(var_dir)
        )
        results["page"] = wrk(wrk_bin, "cached public page", page_url)
        results["series"] = wrk(
            wrk_bin, "series JSON, uncached", series_url, unique=True
        )
        conf = nginx_config(var_dir)
        if conf is not None:
            nginx = [NGINX, "-c", str(conf), "-p", str(conf.parent)]
            with process(nginx, env=env, log_file=var_dir / "nginx.log"):
                wait_for(f"http://127.0.0.1:{NGINX_PORT}/regions/{quoted}/")
                results["nginx"] = wrk(
                    wrk_bin,
                    "cached page via nginx",
                    f"http://127.0.0.1:{NGINX_PORT}/regions/{quoted}/",
                )
    datasette_args = [
        str(datasette),
        "serve",
        str(var_dir / "mubiao.sqlite3"),
        "--port",
        str(DATASETTE_PORT),
        "--setting",
        "sql_time_limit_ms",
        "10000",
    ]
    with process(datasette_args, env=env, log_file=var_dir / "datasette.log"):
        wait_for(datasette_url)
        results["datasette"] = wrk(
            wrk_bin, "Datasette JSON, same rows", datasette_url, unique=True
        )
    for load in results.values():
        log(
            f"  {load.name:<28} {load.requests:>9,.0f} req/s   p50 {load.p50_ms:7.1f} ms"
            f"   p99 {load.p99_ms:7.1f} ms"
            + (f"   ({load.errors} errors)" if load.errors else "")
        )
    log(f"  load average after the loads: {os.getloadavg()[0]:.1f}")
    counts = query_counts(var_dir)
    return {"rows": rows, "loads": results, "counts": counts}


def verdict(ok: bool) -> str:
    return "meets the goal" if ok else "MISSES the goal"


def report(runs: list[dict]) -> bool:
    ok = True
    log("\n== ratios")
    for run in runs:
        loads = run["loads"]
        page_ratio = loads["page"].requests / loads["static"].requests
        series_ratio = loads["series"].requests / loads["datasette"].requests
        p99 = loads["series"].p99_ms
        ok &= page_ratio >= 0.8 and series_ratio >= 2 and p99 < 50
        log(
            f"  {run['rows']:>9,} rows: cached page / static file = {page_ratio:.2f}"
            f" (goal ≥ 0.8: {verdict(page_ratio >= 0.8)}); series JSON / Datasette = "
            f"{series_ratio:.2f} (goal ≥ 2: {verdict(series_ratio >= 2)}); series p99 "
            f"{p99:.1f} ms at {CONNECTIONS} connections (goal < 50: {verdict(p99 < 50)})"
        )
    if len(runs) > 1:
        small, large = runs[0], runs[-1]
        growth = large["loads"]["series"].p50_ms / small["loads"]["series"].p50_ms
        ok &= growth <= 1.5
        log(
            f"  series p50 at {large['rows']:,} rows / at {small['rows']:,} rows = "
            f"{growth:.2f} (goal ≤ 1.5: {verdict(growth <= 1.5)})"
        )
    log("\n== SQL queries per public page (rendered, past the page cache)")
    urls = list(runs[0]["counts"])
    header = "  " + "page".ljust(44) + "".join(f"{r['rows']:>12,}" for r in runs)
    log(header)
    for url in urls:
        cells = []
        for run in runs:
            status, count = run["counts"].get(url, (0, -1))
            cells.append(
                f"{count:>12}" if status == 200 else f"{'HTTP ' + str(status):>12}"
            )
        log("  " + url[:44].ljust(44) + "".join(cells))
    same = all(run["counts"] == runs[0]["counts"] for run in runs)
    most = max(c for run in runs for _s, c in run["counts"].values())
    ok &= same and most <= 6
    log(
        f"  the same at every size: {same}; at most {most} (goal ≤ 6: {verdict(most <= 6)})"
    )
    return ok


NGINX: str | None = None


def main() -> int:
    global NGINX
    wrk_bin = ensure_wrk()
    NGINX = debian_tool("nginx", "nginx-light")
    datasette = ensure_datasette()
    log(
        f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
        f"wrk -t2 -c{CONNECTIONS} -d{SECONDS}s; gunicorn workers: "
        f"{os.environ.get('WEB_CONCURRENCY') or 'config/gunicorn.py default'}"
    )
    runs = [run_size(rows, wrk_bin, datasette) for rows in SIZES]
    ok = report(runs)
    log("\nall goals met" if ok else "\nsome goals missed (see above)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
