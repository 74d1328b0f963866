import json
import logging


def test_healthz_reports_each_part(app, client):
    app.config.update(REDIS_URL=None)  # the embedded default: jobs run inline
    response = client.get("/healthz")
    body = response.get_json()
    assert response.status_code == 200
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["queue"] == "inline"
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_checks_the_search_index(app, client):
    """PostgreSQL full-text on PostgreSQL (its table and configuration exist), Whoosh elsewhere (built on demand)."""
    index = client.get("/healthz").get_json()["checks"]["index"]
    expected = "ok" if app.extensions["kd.engine"].dialect.name == "postgresql" else "missing (run flask kd reindex)"
    assert index == expected


def test_healthz_fails_when_redis_is_unreachable(app, client):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["queue"].startswith("error")


def test_healthz_fails_when_the_database_is_unreachable(app, client):
    from kd import db
    broken = db.make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    db.bind(broken)
    try:
        response = client.get("/healthz")
    finally:
        db.bind(app.extensions["kd.engine"])
        broken.dispose()
    assert response.status_code == 503
    assert response.get_json()["checks"]["database"].startswith("error")


def test_every_request_gets_an_id_and_a_json_log_line(client, caplog):
    with caplog.at_level(logging.INFO, logger="kd.request"):
        response = client.get("/", headers={"X-Request-ID": "abc-123"})
        generated = client.get("/account/login")
    assert response.headers["X-Request-ID"] == "abc-123"
    assert len(generated.headers["X-Request-ID"]) == 32
    lines = [json.loads(record.getMessage()) for record in caplog.records if record.name == "kd.request"]
    assert lines[0]["request_id"] == "abc-123" and lines[0]["status"] == 200 and lines[0]["path"] == "/"


def test_unsafe_request_ids_are_replaced(client):
    response = client.get("/", headers={"X-Request-ID": "bad id <script>"})
    assert response.headers["X-Request-ID"] != "bad id <script>"
