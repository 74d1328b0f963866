"""The version an editor last saw: the submitted fields as text at the latest decision, on every moderated row.

A resubmission (after "changes requested", say) is compared with it on the review page.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

MODERATED = ('profiles', 'stories', 'actions')


def upgrade():
    for table in MODERATED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('seen_version', sa.JSON(), nullable=True))


def downgrade():
    for table in MODERATED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('seen_version')
