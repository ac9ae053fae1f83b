"""fallout records

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.store.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "fallout_records",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("task_id", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=60), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("assignment_group", sa.String(length=120), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("details", JSON, nullable=False),
        sa.Column("resolution", sa.String(length=40), nullable=True),
        sa.Column("resolved_by", sa.String(length=120), nullable=True),
        sa.Column("created_at", engine.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", engine.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["order_id"], ["customer_orders.id"], name="fk_fallout_records_order_id"),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], name="fk_fallout_records_task_id"),
        sa.PrimaryKeyConstraint("id", name="pk_fallout_records"),
    )
    op.create_index("ix_fallout_open", "fallout_records", ["state", "assignment_group"])
    op.create_index("ix_fallout_records_order_id", "fallout_records", ["order_id"])


def downgrade() -> None:
    op.drop_index("ix_fallout_records_order_id", table_name="fallout_records")
    op.drop_index("ix_fallout_open", table_name="fallout_records")
    op.drop_table("fallout_records")
