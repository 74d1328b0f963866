"""Where the project lives on disk (templates, static files, migrations, the compiled catalogue)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
