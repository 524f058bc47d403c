"""Schemathesis against the API's own OpenAPI document, on a real server (pytest-django's
live server, over HTTP) and the suite's database (SQLite, then PostgreSQL in `make test`):
no server error, every response as the document says (status, content type, headers, body),
and invalid input refused.

The run is bounded (a few examples per operation, no stateful phase) so CI stays fast;
`SCHEMATHESIS_MAX_EXAMPLES` raises it for a longer local run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests import factories as f

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "negative_data_rejection",
    ]
)


@pytest.mark.django_db(transaction=True)
@override_settings(MUBIAO_API_RATE="1000000/60")
def test_the_api_keeps_its_openapi_promises(live_server, tmp_path):
    cache.clear()
    f.tongliao()
    schemathesis = Path(sys.executable).with_name("schemathesis")
    command = [
        str(schemathesis),
        "run",
        f"{live_server.url}/api/v1/openapi.json",
        "--checks",
        CHECKS,
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "5"),
        "--workers",
        "1",
        "--seed",
        "20261203",
        "--request-timeout",
        "30",
        "--no-color",
        "--generation-database",
        "none",
        "--report-dir",
        str(tmp_path),
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=600, cwd=tmp_path
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert "passed" in output and "14 selected" in output, output[-3000:]
