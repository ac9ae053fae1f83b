"""fallout records about a whole order: fallout_records.task_id may be null (a stuck order has no task)

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("fallout_records", schema=None) as batch_op:
        batch_op.alter_column("task_id", existing_type=sa.String(length=64), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM fallout_records WHERE task_id IS NULL")
    with op.batch_alter_table("fallout_records", schema=None) as batch_op:
        batch_op.alter_column("task_id", existing_type=sa.String(length=64), nullable=False)
