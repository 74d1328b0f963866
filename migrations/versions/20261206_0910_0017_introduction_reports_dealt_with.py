"""An editor marks an owner's abuse report of an introduction request as dealt with.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 09:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('introduction_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_handled_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('report_handled_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_introduction_requests_report_handled_by_id_users'), 'users',
                                    ['report_handled_by_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('introduction_requests', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_introduction_requests_report_handled_by_id_users'),
                                 type_='foreignkey')
        batch_op.drop_column('report_handled_by_id')
        batch_op.drop_column('report_handled_at')
