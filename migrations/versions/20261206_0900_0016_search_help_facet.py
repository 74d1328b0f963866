"""The "can help with" search facet: search_documents.help_kinds, filled on PostgreSQL from the help offers
of owned profiles that take requests (the Whoosh index is rebuilt by `flask kd reindex --if-needed`).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 09:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

KINDS = sa.JSON().with_variant(postgresql.ARRAY(sa.String(length=80)), 'postgresql')
FILL_FROM_OFFERS = """
UPDATE search_documents AS d SET help_kinds = ARRAY(SELECT json_array_elements_text(o.kinds::json))
FROM help_offers AS o JOIN profiles AS p ON p.id = o.profile_id
WHERE d.kind <> 'story' AND d.row_id = o.profile_id AND p.owner_id IS NOT NULL AND NOT o.paused
"""


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == 'postgresql'
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('help_kinds', KINDS, nullable=False,
                                      server_default=sa.text("'{}'") if postgres else sa.text("'[]'")))
    if postgres:
        op.execute(FILL_FROM_OFFERS)


def downgrade() -> None:
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.drop_column('help_kinds')
