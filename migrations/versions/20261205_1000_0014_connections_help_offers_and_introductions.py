"""Connections (issue 19): what a profile's owner can help with, introductions asked and answered, owners'
blocks and editors' suspensions from asking.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 11:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('asking_suspensions',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('suspended_by_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['suspended_by_id'], ['users.id'], name=op.f('fk_asking_suspensions_suspended_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_asking_suspensions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_asking_suspensions'))
    )
    op.create_table('member_blocks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('blocked_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['blocked_id'], ['users.id'], name=op.f('fk_member_blocks_blocked_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_member_blocks_owner_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_blocks')),
    sa.UniqueConstraint('owner_id', 'blocked_id', name='uq_member_blocks_pair')
    )
    op.create_table('help_offers',
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('kinds', sa.JSON(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('paused', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['profiles.id'], name=op.f('fk_help_offers_profile_id_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('profile_id', name=op.f('pk_help_offers'))
    )
    op.create_table('introduction_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('asker_id', sa.Integer(), nullable=False),
    sa.Column('about_asker', sa.Text(), nullable=False),
    sa.Column('request', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('state', sa.Enum('open', 'introduced', 'declined', 'reported', 'expired', 'withdrawn', name='introduction_state', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decline_reason', sa.String(length=300), nullable=False),
    sa.Column('share_reason', sa.Boolean(), nullable=False),
    sa.Column('follow_up_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('asker_outcome', sa.Enum('yes', 'no', 'not_yet', name='introduction_outcome', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('owner_outcome', sa.Enum('yes', 'no', 'not_yet', name='introduction_owner_outcome', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.CheckConstraint("state = 'open' OR answered_at IS NOT NULL", name=op.f('ck_introduction_requests_answered_has_date')),
    sa.CheckConstraint('asker_id <> owner_id', name=op.f('ck_introduction_requests_not_to_oneself')),
    sa.ForeignKeyConstraint(['asker_id'], ['users.id'], name=op.f('fk_introduction_requests_asker_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_introduction_requests_owner_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['profile_id'], ['profiles.id'], name=op.f('fk_introduction_requests_profile_id_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_introduction_requests'))
    )
    with op.batch_alter_table('introduction_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_introduction_requests_asker_id'), ['asker_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_introduction_requests_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_introduction_requests_profile_id'), ['profile_id'], unique=False)
        batch_op.create_index('ix_introduction_requests_state_created', ['state', 'created_at'], unique=False)



def downgrade():
    with op.batch_alter_table('introduction_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_introduction_requests_state_created')
        batch_op.drop_index(batch_op.f('ix_introduction_requests_profile_id'))
        batch_op.drop_index(batch_op.f('ix_introduction_requests_owner_id'))
        batch_op.drop_index(batch_op.f('ix_introduction_requests_asker_id'))

    op.drop_table('introduction_requests')
    op.drop_table('help_offers')
    op.drop_table('member_blocks')
    op.drop_table('asking_suspensions')
