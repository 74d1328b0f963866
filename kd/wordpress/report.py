"""The import's final report, as plain text for the terminal: a summary line, then every item imported,
skipped (with the reason), every file missing or refused, what KD could not bring over, and each old
address with the page it now leads to."""
from __future__ import annotations

from collections import defaultdict

from kd.wordpress.services import Report


def render(report: Report, dry_run: bool = False) -> str:
    verb = "Would import" if dry_run else "Imported"
    lines = [f"{'DRY RUN: nothing was written. ' if dry_run else ''}{verb} {len(report.imported)} items, "
             f"{report.photos} photos, {len(report.tags)} tags; {report.redirects} old addresses redirect; "
             f"{len(report.skipped)} skipped, {len(report.missing_files)} files missing, "
             f"{len(report.refused_photos)} photos refused."]
    if report.languages:
        lines.append("Stories by language: " + ", ".join(f"{code} {count}"
                                                         for code, count in sorted(report.languages.items())))
    lines += _section(f"{verb}:", report.imported)
    lines += _section("Skipped:", [f"{label}: {reason}" for label, reason in report.skipped])
    lines += _section("Missing files (not in --uploads):", [f"{path} (for {label})"
                                                           for label, path in report.missing_files])
    lines += _section("Photos refused:", [f"{path}: {reason}" for path, reason in report.refused_photos])
    lines += _section("Not brought over:", [f"{label}: {what}" for label, what in report.not_brought])
    lines += _section(f"Old addresses that {'would ' if dry_run else ''}redirect (301):", _redirects(report))
    return "\n".join(lines)


def _redirects(report: Report) -> list[str]:
    """One line per new page: '/stories/x <- /x/, /2013/03/12/x/, ?p=5'."""
    by_target: dict[str, list[str]] = defaultdict(list)
    for old, new in report.redirected.items():
        by_target[new].append(old)
    return [f"{new} <- {', '.join(olds)}" for new, olds in by_target.items()]


def _section(title: str, rows: list[str]) -> list[str]:
    return [title, *(f"  - {row}" for row in rows)] if rows else []
