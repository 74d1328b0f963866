import hashlib
from pathlib import Path

from sqlalchemy import delete

from kd import db
from kd.ops.backup import row_counts
from kd.profiles.models import Profile
from kd.stories.models import Story


def _digest(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_backup_and_restore_round_trip_loses_nothing(app, runner, tmp_path):
    assert runner.invoke(args=["kd", "seed-demo"]).exit_code == 0
    uploads = Path(app.config["UPLOAD_DIR"])
    (uploads / "public").mkdir(parents=True, exist_ok=True)
    (uploads / "public" / "photo.webp").write_bytes(b"RIFF-not-really-an-image")
    with app.app_context():
        before = row_counts()
    files_before = _digest(uploads)

    result = runner.invoke(args=["kd", "backup", "--output", str(tmp_path / "backups")])
    assert result.exit_code == 0, result.output
    [archive] = (tmp_path / "backups").glob("kd-backup-*.tar.gz")

    with app.app_context():
        db.session.execute(delete(Story))
        db.session.execute(delete(Profile))
        db.session.commit()
        assert row_counts()["stories"] == 0
    (uploads / "public" / "photo.webp").unlink()
    (uploads / "stray.txt").write_text("added after the backup")

    restored = runner.invoke(args=["kd", "restore", str(archive), "--yes"])
    assert restored.exit_code == 0, restored.output
    with app.app_context():
        assert row_counts() == before
    assert _digest(uploads) == files_before


def test_restore_needs_confirmation_and_a_real_backup(runner, tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not an archive")
    unconfirmed = runner.invoke(args=["kd", "restore", str(bogus)])
    assert unconfirmed.exit_code == 2 and "--yes" in unconfirmed.output
    refused = runner.invoke(args=["kd", "restore", str(bogus), "--yes"])
    assert refused.exit_code == 1 and "not a KD backup" in refused.output
    missing = runner.invoke(args=["kd", "restore", str(tmp_path / "nope.tar.gz"), "--yes"])
    assert missing.exit_code == 1 and "No such backup file" in missing.output
