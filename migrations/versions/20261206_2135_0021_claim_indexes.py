"""Index the claims on moderated rows: the editors' dashboard lists an editor's claims, which scanned every
story and profile.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 21:35:00
"""
from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None

TABLES = ('actions', 'profiles', 'stories', 'translations')


def upgrade() -> None:
    for table in TABLES:
        op.create_index(op.f(f'ix_{table}_claimed_by_id'), table, ['claimed_by_id'], unique=False)


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(op.f(f'ix_{table}_claimed_by_id'), table_name=table)
