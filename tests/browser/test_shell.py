"""The web app's shell in Chromium: sign-in and back to the deep link, navigation by role, a forbidden route that
says why, sign-out, the theme switch, and no serious accessibility violations on the shell's pages."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.support import assert_accessible, sign_in, signed_in_page


def test_a_deep_link_signed_out_goes_through_sign_in_and_comes_back(page, ordo_server):
    page.goto("/studio?kind=decision_table")
    expect(page.get_by_role("heading", name="Sign in to Ordo")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("textbox", name="Username").fill("processAdmin")
    page.get_by_role("textbox", name="Password").fill(ordo_server.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Artifacts")).to_be_visible()
    assert page.url.endswith("/studio?kind=decision_table")
    expect(page.get_by_role("table", name="Artifacts").locator("tbody tr[data-row]").first).to_be_visible()
    kinds = page.get_by_role("table", name="Artifacts").locator("tbody tr[data-row] td:nth-child(3)").all_inner_texts()
    assert kinds and set(kinds) == {"decision_table"}


def test_a_wrong_password_is_said_next_to_the_form(page, console):
    console.allow(r"status of 401")
    page.goto("/")
    page.get_by_role("textbox", name="Username").fill("processAdmin")
    page.get_by_role("textbox", name="Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("Wrong username or password.")
    expect(page.get_by_role("heading", name="Sign in to Ordo")).to_be_visible()


def test_navigation_shows_what_the_role_may_do_and_a_forbidden_route_says_why(page, ordo_server):
    sign_in(page, ordo_server, "orderAgent")
    navigation = page.get_by_role("navigation", name="Main navigation")
    expect(navigation.get_by_role("link", name="Home")).to_be_visible()
    expect(navigation.get_by_role("link", name="Artifacts")).to_have_count(0)
    page.goto("/studio")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("You may not open this page")
    expect(alert).to_contain_text("studio.read")
    expect(alert).to_contain_text("Order agent")
    assert_accessible(page)


def test_the_process_admin_home_lists_the_studio_and_sign_out_ends_the_session(page, ordo_server, login_api):
    sign_in(page, ordo_server, "processAdmin")
    main = page.get_by_role("main")
    for tile in ("Artifacts", "Rule packs", "Simulator"):
        expect(main.get_by_role("link", name=tile)).to_be_visible()
    assert_accessible(page)
    page.get_by_test_id("user-menu").click()
    page.get_by_role("menuitem", name="Sign out", exact=True).click()
    expect(page.get_by_role("heading", name="Sign in to Ordo")).to_be_visible()
    state = page.evaluate("() => fetch('/api/v1/auth/session').then(r => r.json())")
    assert state == {"signedIn": False, "user": None}


def test_the_theme_switch_changes_the_colour_scheme_and_it_is_kept(page, login_api):
    signed_in_page(page, login_api("auditor"))
    navigation = page.get_by_role("navigation", name="Main navigation")
    expect(navigation.get_by_role("link", name="Orders")).to_be_visible()
    expect(navigation.get_by_role("link", name="Order capture")).to_have_count(0)  # reads orders, may not capture
    page.get_by_role("button", name="Use the dark theme").click()
    expect(page.locator("html")).to_have_attribute("data-mantine-color-scheme", "dark")
    assert_accessible(page)
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-mantine-color-scheme", "dark")
    page.get_by_role("button", name="Use the light theme").click()
    expect(page.locator("html")).to_have_attribute("data-mantine-color-scheme", "light")


def test_sign_out_everywhere_ends_the_sessions_of_every_browser(page, ordo_server, login_api):
    other_browser = login_api("orderManager")
    assert other_browser.get("/api/v1/auth/me").status_code == 200
    sign_in(page, ordo_server, "orderManager")
    page.get_by_test_id("user-menu").click()
    page.get_by_role("menuitem", name="Sign out everywhere").click()
    expect(page.get_by_role("heading", name="Sign in to Ordo")).to_be_visible()
    assert other_browser.get("/api/v1/auth/me").status_code == 401
