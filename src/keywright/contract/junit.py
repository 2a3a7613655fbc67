"""One JUnit file for a contract run: a suite per API, named after it, never an empty green one.

schemathesis writes one suite named `schemathesis` per run with cases named `POST /api-keys`;
CI dashboards that merge several APIs need to tell them apart. Each suite also gets a case per
operation saying whether it accepted any request, and a case that errors when the run itself
failed (the spec did not load, the target never answered), so that a run that tested nothing
cannot read as green.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from keywright.contract.verdict import Coverage


@dataclass
class SuiteReport:
    api: str
    schemathesis_junit: Path
    coverage: Sequence[Coverage]
    errors: list[str] = field(default_factory=list)
    """Why the run itself failed, if it did (shown as an error case)."""


def write_junit(reports: Sequence[SuiteReport], target: Path) -> None:
    root = ET.Element("testsuites")
    for report in reports:
        root.append(_suite(report))
    for name in ("tests", "failures", "errors", "skipped"):
        root.set(name, str(sum(int(s.get(name, "0")) for s in root)))
    target.parent.mkdir(parents=True, exist_ok=True)
    ET.indent(root)
    ET.ElementTree(root).write(target, encoding="utf-8", xml_declaration=True)


def _suite(report: SuiteReport) -> ET.Element:
    suite = ET.Element("testsuite", name=report.api)
    for case in _schemathesis_cases(report.schemathesis_junit):
        case.set("name", f"{report.api}: {case.get('name', '')}")
        case.set("classname", report.api)
        suite.append(case)
    for covered in report.coverage:
        case = ET.SubElement(
            suite,
            "testcase",
            name=f"{report.api}: {covered.operation.operation_id} accepts a valid request",
            classname=report.api,
        )
        if covered.untested is not None:
            failure = ET.SubElement(case, "failure", message=covered.untested, type="untested")
            failure.text = covered.untested
    for error in report.errors:
        case = ET.SubElement(suite, "testcase", name=f"{report.api}: run", classname=report.api)
        ET.SubElement(case, "error", message=error, type="run").text = error
    cases = suite.findall("testcase")
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    suite.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
    suite.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))
    return suite


def _schemathesis_cases(path: Path) -> list[ET.Element]:
    if not path.exists():
        return []
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return []
    return root.findall(".//testcase")
