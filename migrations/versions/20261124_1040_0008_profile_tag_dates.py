"""profile_tags.published_at: the profile's publication time on its tag link rows (empty while not public),
so that a tag page lists its newest profiles from an index on the link table, as it does stories.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 10:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

BACKFILL = """
UPDATE profile_tags SET published_at = (
    SELECT profiles.published_at FROM profiles
    WHERE profiles.id = profile_tags.profile_id AND profiles.state = 'approved')
"""


def upgrade():
    with op.batch_alter_table('profile_tags', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_profile_tags_tag_published', ['tag_id', 'published_at'], unique=False)
    op.execute(BACKFILL)


def downgrade():
    with op.batch_alter_table('profile_tags', schema=None) as batch_op:
        batch_op.drop_index('ix_profile_tags_tag_published')
        batch_op.drop_column('published_at')
