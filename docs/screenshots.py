"""Take the screenshots in docs/img/ with a real browser (Debian's chromium + playwright).

    python docs/screenshots.py            # from the project's folder, with grandbargain installed

It starts ``grandbargain serve`` on a free loopback port, runs a simulation on the page and
saves:

- ``docs/img/web-app.png``: the top of the what-if page at 1440 px;
- ``docs/img/web-app-simulation.png``: its simulation section after a run (the outcome, the
  package each issue ends with, the transcript);
- ``docs/img/web-app-phone.png``: the top of the page at 360 px (a phone);
- ``docs/img/report.png``: the top of the HTML report of us-china-2025 with a forecast and a
  simulation, at 1280 px;
- ``docs/img/report-simulation.png``: the report's simulation section (agreed package, offers
  over the frontier).

Nothing is downloaded: chromium is the system's, plotly.js comes from the installed package.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

IMAGES = Path(__file__).resolve().parent / "img"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def _server() -> Iterator[str]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "grandbargain", "serve", "--host", "127.0.0.1"]
    process = subprocess.Popen([*command, "--port", str(port)], stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def _report(folder: Path) -> Path:
    """The us-china-2025 report with a forecast and a simulation, written into ``folder``."""
    import grandbargain as gb
    from grandbargain import api
    from grandbargain.report import build_report

    scenario = gb.load_scenario("us-china-2025")
    analysis = gb.analyze(scenario)
    simulation = gb.simulate(scenario, rounds=30, compare_agendas=False, analysis=analysis)
    html = build_report(scenario, analysis, forecast=gb.forecast(scenario), simulation=simulation)
    path = folder / "report.html"
    api.write_output(str(path), html)
    return path


def main() -> None:
    from playwright.sync_api import sync_playwright

    IMAGES.mkdir(exist_ok=True)
    with _server() as url, sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"))
        for width, name in ((1440, "web-app.png"), (360, "web-app-phone.png")):
            # bypass_csp: wait_for_function evaluates its predicate, which the page's policy
            # (no eval) forbids
            context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
            page = context.new_page()
            page.goto(url + "/")
            page.wait_for_function("document.body.dataset.ready === '1'")
            page.fill("#sim-rounds", "30")
            page.click("#sim-run")
            page.wait_for_function("document.querySelector('#sim-result').innerText.length > 0")
            page.wait_for_function("document.body.dataset.busy !== '1'")
            page.evaluate("window.scrollTo(0, 0)")
            page.wait_for_timeout(500)  # plotly's transitions
            page.screenshot(path=str(IMAGES / name))
            if width == 1440:
                section = page.locator("#simulation")
                section.screenshot(path=str(IMAGES / "web-app-simulation.png"))
            context.close()
        report = _report(Path(tmp))
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(report.as_uri())
        page.wait_for_timeout(1500)
        page.screenshot(path=str(IMAGES / "report.png"))
        page.locator("#simulation").screenshot(path=str(IMAGES / "report-simulation.png"))
        browser.close()
    names = ("web-app.png", "web-app-simulation.png", "web-app-phone.png", "report.png")
    for name in (*names, "report-simulation.png"):
        print(f"wrote docs/img/{name} ({(IMAGES / name).stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
