"""One vocabulary of subject kinds and approved rows that always have a publication time, as CHECK constraints.

Revisions written as "profiles"/"stories" (a test fixture's spelling; production wrote the kind) take the
kind; an approved row without published_at takes the time it was reviewed (or last updated).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 10:40:00
"""
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

KINDS = "('profile', 'story')"
KIND_COLUMNS = {'revisions': 'subject_type', 'slug_redirects': 'kind', 'reports': 'subject_type'}
MODERATED = ('profiles', 'stories', 'actions')


def upgrade():
    op.execute("UPDATE revisions SET subject_type = 'profile' WHERE subject_type = 'profiles'")
    op.execute("UPDATE revisions SET subject_type = 'story' WHERE subject_type = 'stories'")
    for table, column in KIND_COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_check_constraint(op.f(f'ck_{table}_subject_kind'), f'{column} IN {KINDS}')
    for table in MODERATED:
        op.execute(f"UPDATE {table} SET published_at = COALESCE(reviewed_at, updated_at) "
                   "WHERE state = 'approved' AND published_at IS NULL")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_check_constraint(op.f(f'ck_{table}_approved_is_published'),
                                             "state <> 'approved' OR published_at IS NOT NULL")


def downgrade():
    for table in MODERATED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f'ck_{table}_approved_is_published'), type_='check')
    for table in KIND_COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f'ck_{table}_subject_kind'), type_='check')
