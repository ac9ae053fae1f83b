"""outbox summary: the small JSON live updates match and send (ids, state, group) beside each envelope

Revision ID: 0015
Revises: 0014
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event_outbox") as batch:
        batch.add_column(sa.Column("summary", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()),
                                                                     "postgresql"), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("event_outbox") as batch:
        batch.drop_column("summary")
