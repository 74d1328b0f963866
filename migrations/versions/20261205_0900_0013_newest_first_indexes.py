"""Indexes for every newest-first listing: (state, published_at, id) on stories and profiles, the same with a
filter column (country, field, municipality; kind for profiles) between, and the tag link rows' index ending
in the owner's id, so that ORDER BY published_at DESC, id DESC LIMIT n reads an index in order instead of
sorting the whole table.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 09:00:00
"""
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

FILTERS = {'stories': ('country_code', 'field', 'municipality'),
           'profiles': ('country_code', 'field', 'municipality', 'kind')}
LINKS = {'story_tags': 'story_id', 'profile_tags': 'profile_id'}


def listing_indexes():
    for table, columns in FILTERS.items():
        yield f'ix_{table}_state_published', table, ['state', 'published_at', 'id']
        for column in columns:
            yield f'ix_{table}_state_{column}_published', table, ['state', column, 'published_at', 'id']


def upgrade():
    for name, table, columns in listing_indexes():
        op.create_index(name, table, columns, unique=False)
    for table, owner in LINKS.items():
        op.drop_index(f'ix_{table}_tag_published', table_name=table)
        op.create_index(f'ix_{table}_tag_published', table, ['tag_id', 'published_at', owner], unique=False)


def downgrade():
    for table in LINKS:
        op.drop_index(f'ix_{table}_tag_published', table_name=table)
        op.create_index(f'ix_{table}_tag_published', table, ['tag_id', 'published_at'], unique=False)
    for name, table, _columns in listing_indexes():
        op.drop_index(name, table_name=table)
