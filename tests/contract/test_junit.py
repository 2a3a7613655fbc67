"""The JUnit report: a suite per API named after it, and never an empty green one."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from keywright.contract.junit import SuiteReport, write_junit
from keywright.contract.suite import SuiteOperation
from keywright.contract.verdict import Coverage

OPERATION = SuiteOperation("POST /api-keys", "createApiKey", ("AdminToken",))
SCHEMATHESIS_REPORT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="schemathesis" tests="1"><testcase name="POST /api-keys" time="0.5"/>
</testsuite></testsuites>"""


def test_cases_are_renamed_and_coverage_is_a_case(tmp_path: Path) -> None:
    report = tmp_path / "st.xml"
    report.write_text(SCHEMATHESIS_REPORT)
    tested = Coverage(OPERATION, Counter({200: 3}), None)
    write_junit([SuiteReport("api-keys", report, [tested])], tmp_path / "junit.xml")
    suite = ET.parse(tmp_path / "junit.xml").getroot().find("testsuite")
    assert suite is not None and suite.get("name") == "api-keys"
    assert [c.get("name") for c in suite.iter("testcase")] == [
        "api-keys: POST /api-keys",
        "api-keys: createApiKey accepts a valid request",
    ]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "0", "0")


def test_an_untested_operation_is_a_failure(tmp_path: Path) -> None:
    untested = Coverage(OPERATION, Counter({401: 9}), "every request was refused with 401")
    write_junit([SuiteReport("api-keys", tmp_path / "none.xml", [untested])], tmp_path / "j.xml")
    root = ET.parse(tmp_path / "j.xml").getroot()
    [failure] = root.iter("failure")
    assert failure.get("message") == "every request was refused with 401"
    assert root.get("failures") == "1"


def test_a_run_that_could_not_start_is_an_error_case(tmp_path: Path) -> None:
    report = SuiteReport("api-keys", tmp_path / "missing.xml", [], ["the spec cannot be read"])
    write_junit([report], tmp_path / "j.xml")
    suite = ET.parse(tmp_path / "j.xml").getroot().find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("errors")) == ("1", "1")
