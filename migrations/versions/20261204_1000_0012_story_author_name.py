"""stories.author_name: the author a story's source credited (an imported WordPress post whose author has
no KD account), shown on the story page.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 01:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

BACKFILL = """
UPDATE stories SET author_name = (
    SELECT wordpress_items.author_name FROM wordpress_items
    WHERE wordpress_items.subject_type = 'stories' AND wordpress_items.subject_id = stories.id)
WHERE EXISTS (SELECT 1 FROM wordpress_items
              WHERE wordpress_items.subject_type = 'stories' AND wordpress_items.subject_id = stories.id)
"""


def upgrade():
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.add_column(sa.Column('author_name', sa.String(length=160), nullable=False, server_default=''))
    op.execute(BACKFILL)


def downgrade():
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.drop_column('author_name')
