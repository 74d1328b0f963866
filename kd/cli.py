"""`flask kd …` commands: thin wrappers that parse, call a service and report."""
from __future__ import annotations

import os
import secrets
import sys

import click
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask.cli import with_appcontext

from kd import migrate
from kd.core.errors import DomainError
from kd.db import transaction


@click.group("kd")
def kd_group() -> None:
    """KD administration commands."""


def _valid_email(_ctx, _param, value: str) -> str:
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise click.BadParameter(str(error)) from error


@kd_group.command("create-admin")
@click.argument("email", callback=_valid_email)
@click.option("--password", help="At least 10 characters; a strong one is generated and printed if omitted.")
@click.option("--name", "display_name", help="Display name (default: the part before @).")
@with_appcontext
def create_admin(email: str, password: str | None, display_name: str | None) -> None:
    """Create an admin account with a confirmed EMAIL."""
    from kd.accounts.services import create_admin as create

    if password is not None and not 10 <= len(password) <= 128:
        raise click.BadParameter("must have 10 to 128 characters", param_hint="--password")
    chosen = password or secrets.token_urlsafe(12)
    try:
        with transaction():
            create(email, chosen, display_name)
    except DomainError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Admin created: {email}" + ("" if password else f"  password: {chosen}"))


@kd_group.command("migrate")
@click.option("--revision", default="head", show_default=True)
@with_appcontext
def migrate_command(revision: str) -> None:
    """Apply database migrations."""
    engine = current_app.extensions["kd.engine"]
    before = migrate.current_revisions(engine)
    migrate.upgrade(revision)
    after = migrate.current_revisions(engine)
    state = "already current" if after == before else f"upgraded from {', '.join(sorted(before)) or 'empty'}"
    click.echo(f"Database at revision {', '.join(sorted(after))} ({state}).")


@kd_group.command("seed-demo")
@with_appcontext
def seed_demo() -> None:
    """Add demo accounts and bilingual content (safe to run again) and print the logins."""
    from kd.demo.services import seed

    result = seed()
    click.echo(f"Demo content: {result.created} new items, {result.existing} already there.")
    _rebuild_index_if_needed()
    for role, email, password in result.logins:
        click.echo(f"  {role:<7} {email}  password: {password}")


@kd_group.command("backup")
@click.option("--output", "output_dir", default="backups", show_default=True,
              type=click.Path(file_okay=False, writable=True), help="Folder for the .tar.gz")
@with_appcontext
def backup(output_dir: str) -> None:
    """Back up the database and uploads (the search index is rebuilt, not backed up)."""
    from pathlib import Path

    from kd.ops.backup import BackupError, create_backup

    try:
        archive = create_backup(Path(output_dir))
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backup written: {archive}")


@kd_group.command("restore")
@click.argument("archive", type=click.Path(dir_okay=False))
@click.option("--yes", is_flag=True, help="Confirm that the current data is replaced.")
@with_appcontext
def restore(archive: str, yes: bool) -> None:
    """Replace the database and uploads with those in ARCHIVE, then rebuild the search index."""
    from pathlib import Path

    from kd.ops.backup import BackupError, restore_backup

    if not yes:
        raise click.UsageError("Restoring replaces all current data: add --yes to confirm.")
    try:
        manifest = restore_backup(Path(archive))
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored the backup of {manifest['created_at']}.")
    click.echo(f"Search index rebuilt: {_rebuild_index()} items.")


@kd_group.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@with_appcontext
def worker(burst: bool) -> None:
    """Run background jobs from Redis (image sizes, share cards, index updates, mail)."""
    from kd.jobs.worker import run

    try:
        run(current_app._get_current_object(), burst=burst)
    except RuntimeError as error:
        raise click.ClickException(str(error)) from error


@kd_group.command("sweep-uploads")
@click.option("--min-age", default=60, show_default=True, help="Minutes: younger files may belong to an upload "
              "still in progress.")
@with_appcontext
def sweep_uploads(min_age: int) -> None:
    """Remove photo files no photo refers to (left by a worker killed in the middle of an upload)."""
    from datetime import timedelta

    from kd.media.services import remove_unreferenced_files

    removed = remove_unreferenced_files(timedelta(minutes=min_age))
    for key in removed:
        click.echo(f"removed: {key}")
    click.echo(f"Removed {len(removed)} unreferenced files.")


@kd_group.command("check")
@with_appcontext
def check() -> None:
    """Report configuration problems; exits 1 if there are any."""
    from kd.ops.checks import configuration_problems
    from kd.search.service import disagreement

    problems = configuration_problems(current_app)
    try:
        index_problem = disagreement()
    except Exception:  # noqa: BLE001 - an unreachable or unmigrated database is already a problem above
        index_problem = None
    if index_problem:
        problems.append(index_problem[0].upper() + index_problem[1:] + ".")
    for problem in problems:
        click.echo(f"PROBLEM: {problem}", err=True)
    if problems:
        raise SystemExit(1)
    click.echo("Configuration OK.")


@kd_group.command("reindex")
@click.option("--check", "check_only", is_flag=True, help="Only report items missing from or stale in the index.")
@click.option("--if-needed", is_flag=True, help="Only rebuild an index that is missing, empty, from another "
              "database or holding another number of items than the database has public.")
@with_appcontext
def reindex(check_only: bool, if_needed: bool) -> None:
    """Rebuild the search index from the database (the old index serves until the new one is complete)."""
    from kd.search import service

    if if_needed:
        _rebuild_index_if_needed()
        return
    if check_only:
        report = service.check()
        for label, keys in (("missing", report.missing), ("stale", report.stale), ("extra", report.extra)):
            for key in keys:
                click.echo(f"{label}: {key}")
        click.echo("Index OK." if report.ok else "Index out of date: run `flask kd reindex`.")
        raise SystemExit(0 if report.ok else 1)

    click.echo(f"Search index rebuilt: {_rebuild_index(progress=True)} items.")


def _rebuild_index_if_needed() -> None:
    from kd.search.service import disagreement

    reason = disagreement()
    if reason is None:
        click.echo("Search index OK.")
        return
    click.echo(f"Rebuilding: {reason.partition(': run')[0]}.")
    click.echo(f"Search index rebuilt: {_rebuild_index()} items.")


def _rebuild_index(progress: bool = False) -> int:
    from kd.browse.services import resync_all_tag_dates
    from kd.ops import page_cache
    from kd.search import service

    def with_bar(documents, total):
        with click.progressbar(documents, length=total, label="Indexing") as bar:
            yield from bar

    total = service.rebuild(progress=with_bar if progress else None)
    with transaction() as session:
        resync_all_tag_dates(session)
    page_cache.invalidate()  # cached search pages may list what the old index held
    return total


@kd_group.command("send-digest")
@with_appcontext
def send_digest() -> None:
    """Mail confirmed newsletter subscribers what was approved since the last digest (safe to re-run)."""
    from kd.newsletter import digest

    run = digest.start_digest()
    if run is None:
        click.echo("Nothing new since the last digest.")
        return
    sent = 0
    with click.progressbar(run.subscriber_ids, label="Sending the digest") as subscriber_ids:
        for subscriber_id in subscriber_ids:
            sent += digest.deliver(run.digest_id, subscriber_id)
    digest.finish_digest(run.digest_id)
    click.echo(f"Digest {run.digest_id}: sent to {sent} subscribers.")


@kd_group.command("expire-introductions")
@with_appcontext
def expire_introductions() -> None:
    """Expire requests for introductions left unanswered too long and tell the askers; then ask introduced
    members whether it helped (safe to re-run, e.g. daily from cron)."""
    from kd.connections import notifications, services

    with transaction():
        expired = services.expire_overdue()
    for introduction in expired:
        notifications.tell_expired(introduction)
    with transaction():
        due = services.due_follow_ups()
    for introduction in due:
        notifications.ask_how_it_went(introduction)
    click.echo(f"{len(expired)} requests expired, {len(due)} introductions followed up.")


@kd_group.command("federation-deliver")
@with_appcontext
def federation_deliver() -> None:
    """Send the fediverse deliveries that are due (Creates, Deletes, Accepts and their retries); run it from
    cron every minute when KD_REDIS_URL is not set (with Redis the worker does this)."""
    from kd.federation import delivery

    click.echo(f"Federation: {delivery.deliver_due()} deliveries sent.")


@kd_group.command("send-follow-digests")
@click.option("--frequency", type=click.Choice(["immediately", "daily", "weekly"]),
              help="Send this frequency's digests now; without it, every frequency that is due (immediately: each "
              "run, daily: once per UTC day, weekly: once per ISO week).")
@with_appcontext
def send_follow_digests(frequency: str | None) -> None:
    """Mail members what was published for their follows since their last digest (safe to re-run; with Redis,
    a worker sends them)."""
    from kd.follows import digest
    from kd.jobs import enqueue

    result = enqueue(digest.send_follow_digests_job, [frequency] if frequency else None)
    if isinstance(result, int):
        click.echo(f"Follow digests: sent to {result} members.")
    else:
        click.echo(f"Follow digests queued for the worker (job {result.id}).")


# Imported stories reach the search index (and the page cache, share cards) this many at a time.
IMPORT_BATCH = 100


def _import_one(services, plan, item, dry_run: bool) -> None:
    """Each post in a transaction of its own: an interrupted run leaves no half-imported story."""
    from kd.db import session

    if dry_run:
        services.import_item(plan, item)
        session.rollback()
        return
    with transaction():
        services.import_item(plan, item)


@kd_group.command("import-wordpress")
@click.argument("export", type=click.Path(dir_okay=False, exists=True))
@click.option("--uploads", type=click.Path(file_okay=False), help="A local copy of wp-content/uploads.")
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@click.option("--as-state", type=click.Choice(["approved", "submitted"]), default="approved", show_default=True,
              help="State of the stories made from published posts.")
@click.option("--pages", type=click.Choice(["import", "skip"]), default="import", show_default=True)
@click.option("--by", "admin_email", help="The admin account the import is recorded under (default: the first).")
@click.option("--detect-language", is_flag=True,
              help="Tell Albanian from English by the words of posts no language plugin marked "
                   "(else they take the export's site language).")
@click.option("--jobs", type=click.IntRange(1, 32), default=min(4, os.cpu_count() or 1), show_default=True,
              help="Processes that decode and resize photos (1: all in this one).")
@with_appcontext
def import_wordpress(export: str, uploads: str | None, dry_run: bool, as_state: str, pages: str,
                     admin_email: str | None, detect_language: bool, jobs: int) -> None:
    """Import the posts, pages, tags and images of a WordPress export (WXR) file."""
    from pathlib import Path

    from kd.content.changes import announced_together
    from kd.db import session
    from kd.wordpress import report, services

    options = services.Options(Path(uploads) if uploads else None, services.STATES[as_state], pages == "import",
                               dry_run, detect_language, jobs)
    plan = None
    try:
        plan = services.prepare(Path(export), options, admin_email)
        with announced_together() as announcements, \
                click.progressbar(plan.items(), length=len(plan.export.items), label="Importing",
                                  file=sys.stderr) as items:
            for number, item in enumerate(items, 1):
                _import_one(services, plan, item, dry_run)
                if number % IMPORT_BATCH == 0:
                    announcements.send()
    except DomainError as error:
        session.rollback()
        raise click.ClickException(error.message) from error
    finally:
        session.rollback()
        if plan is not None:
            plan.close()
    click.echo(report.render(plan.report, dry_run))
