"""gunicorn settings, read from config.py (KD_BIND, KD_WORKERS, …): gunicorn -c gunicorn.conf.py app:app"""
from config import gunicorn_settings

globals().update(gunicorn_settings())


def post_fork(_server, _worker) -> None:
    from kd.db import forget_inherited_connections

    forget_inherited_connections()
