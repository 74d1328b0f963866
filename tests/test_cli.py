import os

from sqlalchemy import func, select

from kd import db
from kd.accounts.models import Role, User
from kd.profiles.models import Profile
from kd.stories.models import Story


def test_create_admin_prints_a_generated_password(app, runner):
    result = runner.invoke(args=["kd", "create-admin", "boss@example.org"])
    assert result.exit_code == 0, result.output
    assert "password:" in result.output
    with app.app_context():
        user = db.session.scalars(select(User)).one()
        assert user.role is Role.ADMIN and user.email_confirmed


def test_create_admin_refuses_bad_arguments(app, runner):
    bad_email = runner.invoke(args=["kd", "create-admin", "not-an-email"])
    assert bad_email.exit_code == 2 and "Invalid value" in bad_email.output
    short = runner.invoke(args=["kd", "create-admin", "a@example.org", "--password", "short"])
    assert short.exit_code == 2 and "10 to 128" in short.output
    runner.invoke(args=["kd", "create-admin", "a@example.org"])
    twice = runner.invoke(args=["kd", "create-admin", "a@example.org"])
    assert twice.exit_code == 1 and "already exists" in twice.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_seed_demo_is_idempotent_and_prints_logins(app, runner):
    first = runner.invoke(args=["kd", "seed-demo"])
    assert first.exit_code == 0, first.output
    assert "admin@demo.kd-diaspora.org" in first.output
    with app.app_context():
        counts = (db.session.scalar(select(func.count()).select_from(Profile)),
                  db.session.scalar(select(func.count()).select_from(Story)))
    second = runner.invoke(args=["kd", "seed-demo"])
    assert second.exit_code == 0
    with app.app_context():
        assert counts == (db.session.scalar(select(func.count()).select_from(Profile)),
                          db.session.scalar(select(func.count()).select_from(Story)))
        assert counts[0] >= 60 and counts[1] >= 80
        countries = set(db.session.scalars(select(Profile.country_code)))
        assert len(countries) >= 10
    password_line = [line for line in first.output.splitlines() if "admin@demo.kd-diaspora.org" in line][0]
    assert password_line == [line for line in second.output.splitlines() if "admin@demo.kd-diaspora.org" in line][0]


def test_demo_admin_login_works(app, runner, post):
    output = runner.invoke(args=["kd", "seed-demo"]).output
    line = [line for line in output.splitlines() if "admin@demo.kd-diaspora.org" in line][0]
    password = line.split("password:")[1].strip()
    assert post("/account/login", {"email": "admin@demo.kd-diaspora.org", "password": password}).status_code == 302


def test_check_reports_problems_and_exits_non_zero(app, runner):
    app.config["SECRET_KEY"] = "short"
    result = runner.invoke(args=["kd", "check"])
    assert result.exit_code == 1
    assert "KD_SECRET_KEY is shorter" in result.output


def test_migrate_says_one_line_not_every_migration_docstring(tmp_path):
    import subprocess
    import sys

    environment = {key: value for key, value in os.environ.items() if not key.startswith("KD_")}
    environment["KD_INSTANCE_DIR"] = str(tmp_path)
    command = [sys.executable, "-m", "flask", "--app", "app", "kd", "migrate"]
    first = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    assert (first.stdout + first.stderr).strip().splitlines() == [
        next(line for line in first.stdout.splitlines() if line.startswith("Database at revision"))]
    assert "(upgraded from empty)" in first.stdout
    again = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    assert "(already current)" in again.stdout
