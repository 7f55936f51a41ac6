"""Regenerate the screenshots of the README tour (docs/tour/*.png) with Debian's chromium.

    python docs/tour/screenshots.py          # from the repository root; needs the test extras (playwright)

It writes a view (`hykg viz park 松木经开区`), the city overview (`hykg viz all`), a chain's panorama
(`hykg viz panorama 化工新材料`, PNG straight from hykg), the targets drawn (`hykg targets --format svg`),
the explorer (`hykg serve`, on 127.0.0.1), a chain report (`hykg report chain 化工新材料`) and the
ontology reference (`hykg docs ontology`), each opened offline.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def hykg(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "hykg", *args], check=True, capture_output=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="hykg-tour-"))
    hykg("viz", "park", "松木经开区", "-o", str(work / "songmu.html"))
    hykg("viz", "all", "-o", str(work / "overview.html"))
    hykg("viz", "panorama", "化工新材料", "-o", str(HERE / "panorama-chem.png"))
    hykg("targets", "--format", "svg", "-o", str(work / "targets.svg"))
    hykg("report", "chain", "化工新材料", "-o", str(work / "chem.html"))
    hykg("docs", "ontology", "-o", str(work / "ontology"))
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "hykg", "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto((work / "songmu.html").as_uri())
            page.wait_for_timeout(2500)  # let the layout settle
            page.screenshot(path=str(HERE / "view-songmu.png"))
            page.goto((work / "overview.html").as_uri())
            page.wait_for_timeout(2500)
            page.screenshot(path=str(HERE / "overview.png"))
            page.goto((work / "targets.svg").as_uri())
            page.screenshot(path=str(HERE / "targets.png"))
            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_timeout(2500)
            page.screenshot(path=str(HERE / "explorer.png"))
            page.goto((work / "chem.html").as_uri())
            page.screenshot(path=str(HERE / "report-chem.png"), full_page=False)
            page.goto((work / "ontology" / "index.html").as_uri() + "#diagram-section")
            page.screenshot(path=str(HERE / "ontology.png"))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work)
    print("wrote", ", ".join(sorted(p.name for p in HERE.glob("*.png"))))


if __name__ == "__main__":
    main()
