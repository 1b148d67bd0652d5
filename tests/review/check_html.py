#!/usr/bin/env python3
"""Check the HTML report in headless Chromium (Debian's `chromium`).

    python3 tests/review/check_html.py GWLINT SEEDS_DIR WORK_DIR [--png OUT.png]

Writes `gwlint check --format html` of SEEDS_DIR, opens it in headless
Chromium driven over the DevTools protocol (`--remote-debugging-pipe`: no
port, no extra package), and checks:

- no console message of level error, no uncaught exception, no failed load;
- no network request: the only request is the report's own file:// URL;
- every finding of `gwlint check --format json` has its note (rule id) and
  its highlight in the DOM, and the highlighted text is the flagged text;
- a draft holding `<script>` shows it as text: no script element, no
  execution, the text is on the page.

With --png, a screenshot of the top of the report is written to OUT.png.
"""

import base64
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-pipe",
]

failures = []


def fail(message):
    failures.append(message)
    print(f"FAIL: {message}", file=sys.stderr)


class Browser:
    """Chromium with the DevTools protocol on fds 3 (in) and 4 (out)."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="gwlint-chromium-")
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        # The shell moves the pipe ends to fds 3 and 4, where Chromium
        # expects them.
        command = ["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", "about:blank"]
        self.proc = subprocess.Popen(
            ["sh", "-c", f'exec "$@" 3<&{to_child_r} 4>&{from_child_w}', "sh", *command],
            pass_fds=(to_child_r, from_child_w),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_child, json.dumps(message).encode() + b"\0")
        return self.wait(lambda m: m.get("id") == self.next_id)

    def read(self, deadline):
        while b"\0" not in self.buffer:
            if time.time() > deadline:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self.from_child, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def wait(self, matches, timeout=60):
        deadline = time.time() + timeout
        while True:
            message = self.read(deadline)
            if matches(message):
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message
            if "method" in message:
                self.events.append(message)

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def open_page(browser, url, width=1280, height=1800):
    target = browser.send("Target.createTarget", {"url": "about:blank"})["result"]["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["result"]["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.send(f"{domain}.enable", session=session)
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=session)
    browser.events.clear()
    browser.send("Page.navigate", {"url": url}, session=session)
    browser.wait(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session)
    time.sleep(0.5)  # late console messages
    return session


def evaluate(browser, session, expression):
    result = browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                          session=session)["result"]
    if "exceptionDetails" in result:
        raise RuntimeError(result["exceptionDetails"])
    return result["result"].get("value")


def problems(browser, url):
    """Console errors, exceptions, failed loads and requests other than `url`."""
    found = []
    for event in browser.events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            found.append(f"console error: {params.get('args')}")
        elif method == "Runtime.exceptionThrown":
            found.append(f"exception: {params.get('exceptionDetails', {}).get('text')}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            found.append(f"log error: {params['entry'].get('text')} {params['entry'].get('url', '')}")
        elif method == "Network.requestWillBeSent":
            requested = params.get("request", {}).get("url", "")
            if requested != url:
                found.append(f"network request: {requested}")
        elif method == "Network.loadingFailed":
            found.append(f"failed load: {params}")
    return found


FINDINGS_IN_DOM = """
(() => {
  const notes = [...document.querySelectorAll('.note')];
  return notes.map((note, i) => {
    const marks = [...document.querySelectorAll('mark')].filter(
      m => (m.dataset.findings || '').split(' ').includes(String(i)));
    return {id: note.id, rule: note.dataset.rule, marks: marks.length,
            text: marks.map(m => m.textContent).join('')};
  });
})()
"""


def check_report(browser, gwlint, seeds, work):
    report = work / "report.html"
    out = subprocess.run([gwlint, "check", "--no-config", "--format", "html", "--output", str(report), str(seeds)],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1) or not report.exists():
        fail(f"gwlint could not write the report: {out.stderr}")
        return None
    findings = json.loads(subprocess.run([gwlint, "check", "--no-config", "--format", "json", str(seeds)],
                                         capture_output=True, text=True).stdout)
    url = report.resolve().as_uri()
    session = open_page(browser, url)
    for problem in problems(browser, url):
        fail(f"report.html: {problem}")
    in_dom = evaluate(browser, session, FINDINGS_IN_DOM)
    if len(in_dom) != len(findings):
        fail(f"report.html: {len(in_dom)} notes for {len(findings)} findings")
    for i, (f, shown) in enumerate(zip(findings, in_dom)):
        where = f"{f['path']}:{f['line']}:{f['column']} {f['rule']}"
        if shown["id"] != f"finding-{i}" or shown["rule"] != f["rule"]:
            fail(f"report.html: note {i} is {shown['id']} {shown['rule']}, expected {where}")
        expected = f["text"].replace("\n", "").replace("\r", "")
        if shown["marks"] == 0 or shown["text"] != expected:
            fail(f"report.html: {where}: highlighted {shown['text']!r} ({shown['marks']} marks), flagged {expected!r}")
    print(f"check_html: {len(findings)} findings, {sum(1 for s in in_dom if s['marks'])} highlighted")
    return session


def check_escaping(browser, gwlint, work):
    drafts = work / "escaping"
    drafts.mkdir(exist_ok=True)
    (drafts / "草稿.txt").write_text(
        "全年起草材料XX篇。<script>document.title='executed'</script>\n"
        "<img src=x onerror=\"document.title='executed'\"> & 其他\n",
        encoding="utf-8")
    report = work / "escaping.html"
    subprocess.run([gwlint, "check", "--no-config", "--format", "html", "--output", str(report), str(drafts)],
                   capture_output=True)
    url = report.resolve().as_uri()
    session = open_page(browser, url)
    for problem in problems(browser, url):
        fail(f"escaping.html: {problem}")
    state = evaluate(browser, session, """({
      title: document.title,
      scripts: document.scripts.length,
      images: document.images.length,
      shown: document.body.innerText.includes("<script>document.title='executed'</script>")
        && document.body.innerText.includes('<img src=x'),
    })""")
    if state["title"] == "executed" or state["scripts"] or state["images"] or not state["shown"]:
        fail(f"escaping.html: markup in a draft was not shown as text: {state}")


def main():
    gwlint, seeds, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    png = pathlib.Path(sys.argv[sys.argv.index("--png") + 1]) if "--png" in sys.argv else None
    work.mkdir(parents=True, exist_ok=True)
    browser = Browser()
    try:
        session = check_report(browser, gwlint, seeds, work)
        if session and png:
            shot = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)["result"]["data"]
            png.write_bytes(base64.b64decode(shot))
            print(f"check_html: wrote {png}")
        check_escaping(browser, gwlint, work)
    finally:
        browser.close()
    print(f"check_html: {len(failures)} failures")
    print(f"{2 - min(2, len(failures))} passed, {min(2, len(failures))} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
