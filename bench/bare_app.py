"""The yardstick: a bare Flask app rendering a template about the size of a KD tag page."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, render_template

app = Flask(__name__, template_folder=str(Path(__file__).parent / "templates"))
ITEMS = [{"title": f"Story number {n}", "summary": "A summary of about thirty words. " * 5, "slug": f"s-{n}"}
         for n in range(24)]


@app.get("/bare")
def bare():
    return render_template("bare.html", items=ITEMS)
