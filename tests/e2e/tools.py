"""The checkers from the npm registry (axe-core, the Nu HTML checker, Lighthouse), installed by
`make e2e-tools` / `make lighthouse-tools` into .cache/node."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / ".cache" / "node" / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE_CLI = NODE_MODULES / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARTIFACTS = ROOT / "artifacts"


def require(path: Path, make_target: str) -> Path:
    assert path.exists(), f"{path} is missing: run `make {make_target}` first"
    return path


def axe_violations(page) -> list[dict]:
    """Run axe-core (already injected) on the page: WCAG 2.1 A and AA rules only."""
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
    return [{"rule": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [node["target"] for node in v["nodes"]]} for v in result["violations"]]


def vnu_errors(files: list[Path]) -> list[dict]:
    """The Nu HTML checker's errors for the saved pages (it will not fetch from 127.0.0.1)."""
    jar = require(VNU_JAR, "e2e-tools")
    command = ["java", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=300)
    report = json.loads(finished.stderr or finished.stdout or '{"messages": []}')
    return [{"file": Path(m.get("url", "")).name, "line": m.get("lastLine"), "message": m["message"],
             "extract": m.get("extract", "")} for m in report["messages"]
            if m["type"] in ("error", "non-document-error")]


def lighthouse_report(url: str, output: Path) -> dict:
    """Run Lighthouse on url (it exits 0 whatever the score) and read its JSON report."""
    cli = require(LIGHTHOUSE_CLI, "lighthouse-tools")
    command = ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={output}",
               "--only-categories=performance,accessibility,best-practices,seo",
               "--chrome-flags=--headless=new " + " ".join(CHROMIUM_FLAGS)]
    subprocess.run(command, check=True, timeout=240, env={**os.environ, "CHROME_PATH": CHROMIUM},
                   capture_output=True)
    return json.loads(output.read_text())


def failed_audits(report: dict, category: str) -> list[str]:
    refs = report["categories"][category]["auditRefs"]
    return [ref["id"] for ref in refs if ref["weight"] and report["audits"][ref["id"]]["score"] not in (None, 1)]
