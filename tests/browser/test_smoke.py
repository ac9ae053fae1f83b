"""The app loads in Chromium from a real `ordo serve`: rendered, titled, accessible, and deep links reload."""
import re

import requests

from tests.browser.support import DIST_INDEX, axe_check


def test_the_home_page_renders_without_errors_or_serious_accessibility_violations(page):
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert "Ordo" in page.title()
    assert page.locator("#root > *").count() > 0, "the app rendered nothing into #root"
    assert axe_check(page) == []


def test_a_deep_link_is_answered_with_the_app_and_loads_it(page, ordo_server):
    response = page.goto("/studio/artifacts/approval.policy")
    assert response.status == 200 and response.headers["cache-control"] == "no-cache"
    assert re.search(r"<div id=\"root\">", response.text()) and response.text() == DIST_INDEX.read_text()
    page.wait_for_load_state("networkidle")
    assert "Ordo" in page.title() and page.locator("#root > *").count() > 0
    unknown = requests.get(f"{ordo_server.url}/api/v1/no-such-thing", timeout=10)
    assert unknown.status_code == 404 and unknown.headers["Content-Type"] == "application/problem+json"


def test_every_role_signs_in_through_the_api_and_only_the_process_admin_may_publish(login_api):
    for role, may_publish in (("processAdmin", True), ("businessAnalyst", False), ("auditor", False),
                              ("orderAgent", False), ("customer", False)):
        me = login_api(role).get("/api/v1/auth/me")
        assert me.status_code == 200 and me.json()["role"] == role
        assert ("studio.publish" in me.json()["permissions"]) is may_publish


def test_a_page_given_the_cookies_of_login_api_is_signed_in(page, login_api):
    page.context.add_cookies(login_api("businessAnalyst").browser_cookies())
    page.goto("/")
    me = page.evaluate("async () => { const r = await fetch('/api/v1/auth/me'); return [r.status, await r.json()] }")
    assert me[0] == 200 and me[1]["role"] == "businessAnalyst" and me[1]["csrfToken"]
