"""Photos: upload pipeline (Pillow), storage, management pages and the public gallery."""
