"""A subject's public photos in one index seek: (story_id, pending_review) and (profile_id, pending_review)
replace the single-column indexes on story_id and profile_id (their prefixes serve the same lookups).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 21:00:00
"""
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('photos', schema=None) as batch_op:
        batch_op.create_index('ix_photos_story_public', ['story_id', 'pending_review'], unique=False)
        batch_op.create_index('ix_photos_profile_public', ['profile_id', 'pending_review'], unique=False)
        batch_op.drop_index('ix_photos_story_id')
        batch_op.drop_index('ix_photos_profile_id')


def downgrade() -> None:
    with op.batch_alter_table('photos', schema=None) as batch_op:
        batch_op.create_index('ix_photos_profile_id', ['profile_id'], unique=False)
        batch_op.create_index('ix_photos_story_id', ['story_id'], unique=False)
        batch_op.drop_index('ix_photos_profile_public')
        batch_op.drop_index('ix_photos_story_public')
