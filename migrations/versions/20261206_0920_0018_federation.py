"""ActivityPub: actor keys, remote actors, remote followers, publications, deliveries, ignored activities.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 09:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def _when(name, nullable=False):
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade():
    op.create_table('federation_actor_keys',
        sa.Column('username', sa.String(length=200), nullable=False),
        sa.Column('public_key_pem', sa.Text(), nullable=False),
        sa.Column('private_key_pem', sa.Text(), nullable=False),
        _when('created_at'),
        sa.PrimaryKeyConstraint('username', name=op.f('pk_federation_actor_keys')),
    )
    op.create_table('federation_remote_actors',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('actor_url', sa.String(length=500), nullable=False),
        sa.Column('key_id', sa.String(length=500), nullable=False),
        sa.Column('public_key_pem', sa.Text(), nullable=False),
        sa.Column('inbox', sa.String(length=500), nullable=False),
        sa.Column('shared_inbox', sa.String(length=500), nullable=True),
        _when('fetched_at'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_federation_remote_actors')),
        sa.UniqueConstraint('actor_url', name=op.f('uq_federation_remote_actors_actor_url')),
        sa.UniqueConstraint('key_id', name=op.f('uq_federation_remote_actors_key_id')),
    )
    op.create_table('federation_followers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('username', sa.String(length=200), nullable=False),
        sa.Column('remote_actor_id', sa.Integer(), nullable=False),
        sa.Column('follow_activity_id', sa.String(length=500), nullable=False),
        _when('created_at'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_federation_followers')),
        sa.UniqueConstraint('username', 'remote_actor_id', name='uq_federation_followers_username_actor'),
    )
    op.create_index(op.f('ix_federation_followers_username'), 'federation_followers', ['username'])
    op.create_index(op.f('ix_federation_followers_remote_actor_id'), 'federation_followers', ['remote_actor_id'])
    op.create_table('federation_publications',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('username', sa.String(length=200), nullable=False),
        sa.Column('story_id', sa.Integer(), nullable=False),
        _when('created_at'),
        _when('deleted_at', nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_federation_publications')),
        sa.UniqueConstraint('username', 'story_id', name='uq_federation_publications_username_story'),
    )
    op.create_index(op.f('ix_federation_publications_username'), 'federation_publications', ['username'])
    op.create_index(op.f('ix_federation_publications_story_id'), 'federation_publications', ['story_id'])
    op.create_table('federation_deliveries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('username', sa.String(length=200), nullable=False),
        sa.Column('inbox', sa.String(length=500), nullable=False),
        sa.Column('activity', sa.Text(), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        _when('next_attempt_at'),
        _when('delivered_at', nullable=True),
        _when('failed_at', nullable=True),
        sa.Column('last_error', sa.String(length=500), nullable=False),
        _when('created_at'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_federation_deliveries')),
    )
    op.create_index(op.f('ix_federation_deliveries_next_attempt_at'), 'federation_deliveries', ['next_attempt_at'])
    op.create_table('federation_ignored_activities',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('username', sa.String(length=200), nullable=False),
        sa.Column('activity_type', sa.String(length=64), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_federation_ignored_activities')),
        sa.UniqueConstraint('username', 'activity_type', name='uq_federation_ignored_username_type'),
    )


def downgrade():
    for table in ('federation_ignored_activities', 'federation_deliveries', 'federation_publications',
                  'federation_followers', 'federation_remote_actors', 'federation_actor_keys'):
        op.drop_table(table)
