"""Where Debian's Chromium is missing: skipped on a developer's machine, failed under CI."""

from pathlib import Path

import pytest

from tests.browser.conftest import require_chromium

MISSING = Path("/nonexistent/chromium")


def test_missing_chromium_skips_with_how_to_install_it():
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        require_chromium(MISSING, environ={})


@pytest.mark.parametrize("ci", ["true", "TRUE"])
def test_missing_chromium_fails_under_ci(ci):
    with pytest.raises(pytest.fail.Exception, match="apt-get install chromium"):
        require_chromium(MISSING, environ={"CI": ci})


def test_present_chromium_lets_the_tests_run():
    assert require_chromium(Path(__file__), environ={"CI": "true"}) is None
