"""Translations of stories and profiles (moderated like any submission), the translator capability, and
translators' claims on the Needs-translation list.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('translation_claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject_type', sa.String(length=16), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("subject_type IN ('profile', 'story')", name=op.f('ck_translation_claims_subject_kind')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_translation_claims_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_translation_claims')),
    sa.UniqueConstraint('subject_type', 'subject_id', 'language', name='uq_translation_claims_subject')
    )
    with op.batch_alter_table('translation_claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_translation_claims_user_id'), ['user_id'], unique=False)

    op.create_table('translations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject_type', sa.String(length=16), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('source_language', sa.String(length=8), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.String(length=500), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('headline', sa.String(length=200), nullable=False),
    sa.Column('bio', sa.Text(), nullable=False),
    sa.Column('photo_texts', sa.JSON(), nullable=False),
    sa.Column('source', sa.JSON(), nullable=False),
    sa.Column('source_updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('stale_since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('state', sa.Enum('draft', 'submitted', 'changes_requested', 'approved', 'rejected', 'unpublished', 'withdrawn', name='moderation_state', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('claimed_by_id', sa.Integer(), nullable=True),
    sa.Column('moderation_message', sa.Text(), nullable=False),
    sa.Column('seen_version', sa.JSON(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state <> 'approved' OR published_at IS NOT NULL", name=op.f('ck_translations_approved_is_published')),
    sa.CheckConstraint("subject_type IN ('profile', 'story')", name=op.f('ck_translations_subject_kind')),
    sa.ForeignKeyConstraint(['claimed_by_id'], ['users.id'], name=op.f('fk_translations_claimed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_translations_reviewed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_translations_submitted_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_translations'))
    )
    with op.batch_alter_table('translations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_translations_stale_since'), ['stale_since'], unique=False)
        batch_op.create_index(batch_op.f('ix_translations_state'), ['state'], unique=False)
        batch_op.create_index('ix_translations_subject', ['subject_type', 'subject_id', 'language', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_translations_submitted_by_id'), ['submitted_by_id'], unique=False)

    op.create_table('translator_grants',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('requested', 'granted', name='translator_grant_state', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_translator_grants_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_translator_grants_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_translator_grants'))
    )
    with op.batch_alter_table('translator_grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_translator_grants_state'), ['state'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('translator_grants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_translator_grants_state'))

    op.drop_table('translator_grants')
    with op.batch_alter_table('translations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_translations_submitted_by_id'))
        batch_op.drop_index('ix_translations_subject')
        batch_op.drop_index(batch_op.f('ix_translations_state'))
        batch_op.drop_index(batch_op.f('ix_translations_stale_since'))

    op.drop_table('translations')
    with op.batch_alter_table('translation_claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_translation_claims_user_id'))

    op.drop_table('translation_claims')
