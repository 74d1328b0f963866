"""The index never silently disagrees with the database: seeding indexes, start-up, /healthz and `kd check`
say so loudly, and `reindex --if-needed` rebuilds only what cannot answer."""
from __future__ import annotations

import logging

from sqlalchemy import select

from kd import db
from kd.profiles.models import Profile
from kd.search.service import disagreement
from tests.search.conftest import keys


def _add_unindexed_profile(app, name: str = "Hidden Hasani") -> None:
    with app.app_context():
        db.session.add(Profile(name=name, name_folded=name.casefold(), slug="hidden", state="approved",
                               kind="person", published_at=db.utcnow()))
        db.session.commit()


def test_an_empty_index_beside_public_content_is_a_disagreement(app, runner, find):
    _add_unindexed_profile(app)
    with app.app_context():
        assert "empty while 1 items are public" in disagreement()
    result = runner.invoke(args=["kd", "reindex", "--if-needed"])
    assert result.exit_code == 0, result.output
    assert "Search index rebuilt: 1 items." in result.output
    assert keys(find("hasani")) == {"profiles:1"}
    with app.app_context():
        assert disagreement() is None
    assert "Search index OK." in runner.invoke(args=["kd", "reindex", "--if-needed"]).output


def test_healthz_and_check_report_the_disagreement(app, client, runner):
    _add_unindexed_profile(app)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "empty while 1 items are public" in response.get_json()["checks"]["index"]
    result = runner.invoke(args=["kd", "check"])
    assert result.exit_code == 1 and "empty while 1 items are public" in result.output
    runner.invoke(args=["kd", "reindex"])
    assert client.get("/healthz").status_code == 200


def test_the_first_request_logs_the_disagreement(app, client, caplog):
    app.config["SEARCH_CHECK_AT_START"] = True
    _add_unindexed_profile(app)
    from kd import create_app

    checked = create_app({**app.config, "SEARCH_CHECK_AT_START": True})
    with caplog.at_level(logging.ERROR):
        checked.test_client().get("/healthz")
        checked.test_client().get("/healthz")
    errors = [record for record in caplog.records if "SEARCH IS WRONG" in record.getMessage()]
    assert len(errors) == 1 and "empty while 1 items are public" in errors[0].getMessage()
    checked.extensions["kd.engine"].dispose()


def test_seeding_the_demo_leaves_a_searchable_site(app, runner, find):
    result = runner.invoke(args=["kd", "seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert disagreement() is None
        name = db.session.scalar(select(Profile.name).where(Profile.state == "approved").limit(1))
    surname = name.split()[-1]
    assert find(surname.casefold()).total >= 1
