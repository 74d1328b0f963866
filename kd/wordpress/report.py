"""The import's final report, as plain text for the terminal."""
from __future__ import annotations

from kd.wordpress.services import Report


def render(report: Report, dry_run: bool = False) -> str:
    verb = "Would import" if dry_run else "Imported"
    lines = [f"{'DRY RUN: nothing was written. ' if dry_run else ''}{verb} {len(report.imported)} items, "
             f"{report.photos} photos, {len(report.tags)} tags; {report.redirects} old addresses redirect."]
    lines += _section(f"{verb}:", report.imported)
    lines += _section("Skipped:", [f"{label}: {reason}" for label, reason in report.skipped])
    lines += _section("Missing files (not in --uploads):", [f"{path} (for {label})"
                                                           for label, path in report.missing_files])
    lines += _section("Photos refused:", [f"{path}: {reason}" for path, reason in report.refused_photos])
    return "\n".join(lines)


def _section(title: str, rows: list[str]) -> list[str]:
    return [title, *(f"  - {row}" for row in rows)] if rows else []
