"""Suite-wide rules.

Under CI=true nothing may skip: a skip there would hide a missing JVM, WALA jar or
TensorFlow install, so a skipped test is reported as a failure.
"""

from __future__ import annotations

import os

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") == "true" and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true (nothing may skip in CI): {report.longrepr}"
