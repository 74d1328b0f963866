"""Follows (a tag, a country, a municipality, a field, a profile or a collection), each member's digest
frequency, and follow digest runs with one claimed delivery per member per run.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

KINDS = ('tag', 'country', 'municipality', 'field', 'profile', 'collection')
FREQUENCIES = ('immediately', 'daily', 'weekly', 'never')
ONE_TARGET = " + ".join(f"(CASE WHEN {column} IS NULL THEN 0 ELSE 1 END)"
                        for column in ('code', 'tag_id', 'profile_id', 'collection_id')) + " = 1"


def _frequency():
    return sa.Enum(*FREQUENCIES, name='follow_frequency', native_enum=False, create_constraint=True, length=32)


def upgrade():
    op.create_table('follows',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum(*KINDS, name='follow_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
        sa.Column('code', sa.String(length=32), nullable=True),
        sa.Column('tag_id', sa.Integer(), nullable=True),
        sa.Column('profile_id', sa.Integer(), nullable=True),
        sa.Column('collection_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(ONE_TARGET, name=op.f('ck_follows_one_target')),
        sa.ForeignKeyConstraint(['collection_id'], ['collections.id'], name=op.f('fk_follows_collection_id_collections'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['profile_id'], ['profiles.id'], name=op.f('fk_follows_profile_id_profiles'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_follows_tag_id_tags'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_follows_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_follows')),
        sa.UniqueConstraint('user_id', 'collection_id', name='uq_follows_user_collection'),
        sa.UniqueConstraint('user_id', 'kind', 'code', name='uq_follows_user_kind_code'),
        sa.UniqueConstraint('user_id', 'profile_id', name='uq_follows_user_profile'),
        sa.UniqueConstraint('user_id', 'tag_id', name='uq_follows_user_tag'),
    )
    for column in ('user_id', 'tag_id', 'profile_id', 'collection_id'):
        op.create_index(op.f(f'ix_follows_{column}'), 'follows', [column], unique=False)
    op.create_table('follow_preferences',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('frequency', _frequency(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_follow_preferences_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_follow_preferences')),
    )
    op.create_index(op.f('ix_follow_preferences_frequency'), 'follow_preferences', ['frequency'], unique=False)
    op.create_table('follow_digest_runs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('frequency', _frequency(), nullable=False),
        sa.Column('period_end', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_digest_runs')),
    )
    op.create_index(op.f('ix_follow_digest_runs_frequency'), 'follow_digest_runs', ['frequency'], unique=False)
    op.create_table('follow_digest_deliveries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('run_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('period_start', sa.DateTime(timezone=True), nullable=True),
        sa.Column('period_end', sa.DateTime(timezone=True), nullable=False),
        sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('item_count', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['run_id'], ['follow_digest_runs.id'], name=op.f('fk_follow_digest_deliveries_run_id_follow_digest_runs'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_follow_digest_deliveries_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_digest_deliveries')),
        sa.UniqueConstraint('run_id', 'user_id', name='uq_follow_digest_deliveries_run_user'),
    )
    op.create_index(op.f('ix_follow_digest_deliveries_user_id'), 'follow_digest_deliveries', ['user_id'], unique=False)


def downgrade():
    op.drop_table('follow_digest_deliveries')
    op.drop_table('follow_digest_runs')
    op.drop_table('follow_preferences')
    op.drop_table('follows')
