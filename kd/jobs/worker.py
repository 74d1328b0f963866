"""The worker process: `flask kd worker` runs RQ jobs inside the app context."""
from __future__ import annotations

from flask import Flask
from rq import Worker

from kd.jobs.queue import connection, queue_name


class AppWorker(Worker):
    """Runs each job inside the Flask app context, so jobs can use the session, mail and config."""

    flask_app: Flask | None = None

    def perform_job(self, job, queue):
        with self.flask_app.app_context():
            return super().perform_job(job, queue)


def run(app: Flask, burst: bool = False) -> bool:
    with app.app_context():
        conn, name = connection(), queue_name()
    if conn is None:
        raise RuntimeError("KD_REDIS_URL is not set: jobs run inline, no worker is needed.")
    worker = AppWorker([name], connection=conn)
    worker.flask_app = app
    return worker.work(burst=burst, with_scheduler=True)
