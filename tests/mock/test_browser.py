"""A real browser opens each API's Swagger UI on the mock, runs "Try it out" on the create
operation and sees a 2xx rendered on the page."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.processes import keywright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

if not Path(CHROMIUM).exists():
    # CI installs Debian's chromium (.ci/run); elsewhere the test says why it cannot run.
    if os.environ.get("CI"):
        raise RuntimeError("chromium is not installed; .ci/run installs it")
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def mock_url() -> Iterator[str]:
    with keywright("mock") as (url, _):
        yield url


# (UI path, security scheme, what to type into its Authorize form, expected status)
UIS = {
    "proxy-keys": ("/cf/admin/ui/", "x-api-key", ["pat.acme.browser.0123abcd"], "201"),
    "access-keys": ("/v1/ui/", "Basic", ["ak_browser", "sk_browser"], "200"),
    "api-keys": ("/api/admin/ui/", "AdminToken", ["adm_browser"], "200"),
}


@pytest.mark.parametrize(("path", "scheme", "credential", "status"), UIS.values(), ids=UIS.keys())
def test_try_it_out_renders_a_2xx(
    mock_url: str, path: str, scheme: str, credential: list[str], status: str
) -> None:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.goto(mock_url + path)
        page.click("button.authorize")
        dialog = page.locator(".modal-ux")
        for container in dialog.locator(".auth-container").all():
            if container.locator("h4").first.inner_text().strip().startswith(scheme):
                inputs = container.locator("input[type=text], input[type=password]")
                for field, value in zip(inputs.all(), credential, strict=True):
                    field.fill(value)
                container.locator("button.authorize").click()
                break
        else:
            raise AssertionError(f"the Authorize dialog has no {scheme} form")
        dialog.locator("button.btn-done, button.close-modal").first.click()
        page.click(".opblock-summary")
        page.click("button.try-out__btn")
        page.click("button.execute")
        cell = page.locator(".live-responses-table tbody .response-col_status").first
        cell.wait_for(timeout=15_000)
        assert cell.inner_text().strip() == status
        page.screenshot(
            path=str(
                Path(os.environ.get("TMPDIR", "/tmp"))
                / f"keywright-{status}-{path.strip('/').replace('/', '-')}.png"
            )
        )
        browser.close()
