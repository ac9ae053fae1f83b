"""The browser tests' own helpers that need no browser."""
from tests.browser.support import ConsoleWatch, screenshot_name


def test_only_errors_that_a_test_allowed_are_forgiven():
    watch = ConsoleWatch()
    watch.errors += ["console error: Failed to load resource: the server responded with a status of 409 (CONFLICT)",
                     "page error: TypeError: x is undefined"]
    watch.allow(r"status of 409")
    assert watch.unexpected() == ["page error: TypeError: x is undefined"]


def test_screenshot_names_keep_the_parameters_and_nothing_that_leaves_the_folder():
    assert screenshot_name("test_grid[processAdmin]") == "test_grid[processAdmin].png"
    assert screenshot_name("test_x[a/../b c]") == "test_x[a_.._b_c].png"
