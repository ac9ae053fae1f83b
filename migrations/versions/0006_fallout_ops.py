"""fallout operations: circuit breakers, watchdog

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

import engine.store.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "system_breakers",
        sa.Column("system", sa.String(length=120), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=False),
        sa.Column("cool_down_seconds", sa.Integer(), nullable=False),
        sa.Column("opened_at", engine.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("forced_down", sa.Boolean(), nullable=False),
        sa.Column("probe_task_id", sa.String(length=64), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", engine.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("system", name="pk_system_breakers"),
    )
    op.create_table(
        "held_tasks",
        sa.Column("task_id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("system", sa.String(length=120), nullable=False),
        sa.Column("held_at", engine.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["customer_orders.id"], name="fk_held_tasks_order_id"),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], name="fk_held_tasks_task_id"),
        sa.PrimaryKeyConstraint("task_id", name="pk_held_tasks"),
    )
    op.create_index("ix_held_tasks_system", "held_tasks", ["system"])


def downgrade() -> None:
    op.drop_index("ix_held_tasks_system", table_name="held_tasks")
    op.drop_table("held_tasks")
    op.drop_table("system_breakers")
