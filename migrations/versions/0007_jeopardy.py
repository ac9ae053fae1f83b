"""jeopardy alerts

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.store.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
UTC = engine.store.types.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "jeopardy_states",
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("percent", sa.String(length=16), nullable=True),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("since", UTC(timezone=True), nullable=False),
        sa.Column("updated_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["customer_orders.id"], name="fk_jeopardy_states_order_id"),
        sa.PrimaryKeyConstraint("scope", "subject_id", name="pk_jeopardy_states"),
    )
    op.create_index("ix_jeopardy_states_order_id", "jeopardy_states", ["order_id"])
    op.create_table(
        "jeopardy_alerts",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("task_id", sa.String(length=64), nullable=True),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=True),
        sa.Column("previous_level", sa.String(length=16), nullable=True),
        sa.Column("percent", sa.String(length=16), nullable=True),
        sa.Column("assignment_group", sa.String(length=120), nullable=True),
        sa.Column("escalated_to", sa.String(length=120), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actions", JSON, nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.Column("acknowledged_by", sa.String(length=120), nullable=True),
        sa.Column("acknowledged_at", UTC(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["order_id"], ["customer_orders.id"], name="fk_jeopardy_alerts_order_id"),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], name="fk_jeopardy_alerts_task_id"),
        sa.PrimaryKeyConstraint("id", name="pk_jeopardy_alerts"),
    )
    op.create_index("ix_jeopardy_alerts_open", "jeopardy_alerts", ["acknowledged_at", "created_at"])
    op.create_index("ix_jeopardy_alerts_order_id", "jeopardy_alerts", ["order_id"])
    op.create_index("ix_jeopardy_alerts_task_id", "jeopardy_alerts", ["task_id"])


def downgrade() -> None:
    op.drop_index("ix_jeopardy_alerts_task_id", table_name="jeopardy_alerts")
    op.drop_index("ix_jeopardy_alerts_order_id", table_name="jeopardy_alerts")
    op.drop_index("ix_jeopardy_alerts_open", table_name="jeopardy_alerts")
    op.drop_table("jeopardy_alerts")
    op.drop_index("ix_jeopardy_states_order_id", table_name="jeopardy_states")
    op.drop_table("jeopardy_states")
