"""wordpress_items (what an import brought in, so a second run skips it) and wordpress_redirects (old
WordPress addresses answering 301 to the new pages).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 11:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'wordpress_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('site', sa.String(length=200), nullable=False),
        sa.Column('wp_id', sa.Integer(), nullable=False),
        sa.Column('guid', sa.String(length=500), nullable=False),
        sa.Column('subject_type', sa.String(length=16), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=False),
        sa.Column('author_name', sa.String(length=160), nullable=False),
        sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_wordpress_items')),
        sa.UniqueConstraint('site', 'wp_id', name='uq_wordpress_items_site_wp_id'),
    )
    op.create_index(op.f('ix_wordpress_items_guid'), 'wordpress_items', ['guid'], unique=False)
    op.create_table(
        'wordpress_redirects',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('old_path', sa.String(length=500), nullable=False),
        sa.Column('target_type', sa.String(length=16), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_wordpress_redirects')),
        sa.UniqueConstraint('old_path', name=op.f('uq_wordpress_redirects_old_path')),
    )


def downgrade():
    op.drop_table('wordpress_redirects')
    op.drop_index(op.f('ix_wordpress_items_guid'), table_name='wordpress_items')
    op.drop_table('wordpress_items')
