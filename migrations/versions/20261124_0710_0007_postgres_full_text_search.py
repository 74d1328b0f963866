"""PostgreSQL full-text search: the search_documents and search_generation tables, the kd_search text
search configuration (english with unaccent), GIN indexes. On SQLite the tables are created but stay empty
(Whoosh serves).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 07:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

CREATE_TEXT_SEARCH = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'kd_search') THEN
    CREATE TEXT SEARCH CONFIGURATION kd_search (COPY = english);
    ALTER TEXT SEARCH CONFIGURATION kd_search
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
  END IF;
END $$;
"""
VECTOR = sa.Text().with_variant(postgresql.TSVECTOR(), 'postgresql')
TAGS = sa.JSON().with_variant(postgresql.ARRAY(sa.String(length=80)), 'postgresql')


def _postgres() -> bool:
    return op.get_bind().dialect.name == 'postgresql'


def upgrade() -> None:
    if _postgres():
        op.execute(CREATE_TEXT_SEARCH)
    op.create_table('search_documents',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('row_id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('title', sa.String(length=240), nullable=False),
    sa.Column('subtitle', sa.String(length=240), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('field', sa.String(length=32), nullable=False),
    sa.Column('municipality', sa.String(length=32), nullable=False),
    sa.Column('tags', TAGS, nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('spelling', sa.Text(), nullable=False),
    sa.Column('head', VECTOR, nullable=False),
    sa.Column('vector', VECTOR, nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_search_documents'))
    )
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.create_index('ix_search_documents_vector', ['vector'], unique=False, postgresql_using='gin')
        batch_op.create_index('ix_search_documents_head', ['head'], unique=False, postgresql_using='gin')
        batch_op.create_index('ix_search_documents_spelling', ['spelling'], unique=False, postgresql_using='gin',
                              postgresql_ops={'spelling': 'gin_trgm_ops'})
    if _postgres():
        op.execute("ALTER TABLE search_documents SET (toast_tuple_target = 128)")
        op.execute("ALTER TABLE search_documents ALTER COLUMN tags SET STORAGE MAIN")
    op.create_table('search_generation',
    sa.Column('id', sa.SmallInteger(), nullable=False),
    sa.Column('token', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_generation'))
    )


def downgrade() -> None:
    op.drop_table('search_generation')
    op.drop_table('search_documents')
    if _postgres():
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS kd_search")
