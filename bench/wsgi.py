"""KD for the benchmark: the real app on the bench database and index (set through KD_* variables)."""
from kd import create_app

app = create_app()
