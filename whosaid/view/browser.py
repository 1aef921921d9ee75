"""A headless Chromium driven through Selenium: the browser tests and the README screenshot use it.

Only Debian's `chromium` and `chromium-driver` are used (/usr/bin/chromium,
/usr/bin/chromedriver): the paths are passed to Selenium, so Selenium Manager
never looks for, or downloads, a browser. Selenium itself is a test
dependency (`pip install -e ".[test]"`), imported only here.
"""

from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
INSTALL = "apt-get install chromium chromium-driver (Debian), and pip install -e \".[test]\" for selenium"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         "--force-color-profile=srgb", "--font-render-hinting=none")


def missing() -> str | None:
    """Why the browser cannot be started here, or None when it can."""
    absent = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.is_file()]
    if absent:
        return f"no {' and no '.join(absent)}: {INSTALL}"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return f"selenium is not installed: {INSTALL}"
    return None


@contextmanager
def chromium(downloads: Path | None = None, size: tuple[int, int] = (1280, 900)):
    """A fresh headless Chromium (its own profile in a temporary folder), quit on exit.
    `downloads`: where files the page saves go, without asking."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = Path(tempfile.mkdtemp(prefix="whosaid-chromium-"))
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={size[0]},{size[1]}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if downloads is not None:
        options.add_experimental_option("prefs", {
            "download.default_directory": str(downloads), "download.prompt_for_download": False,
            "download.directory_upgrade": True, "safebrowsing.enabled": False})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        if downloads is not None:
            driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
