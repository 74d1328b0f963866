"""Entry point: flask --app app run, gunicorn app:app."""
from kd import create_app

app = create_app()
