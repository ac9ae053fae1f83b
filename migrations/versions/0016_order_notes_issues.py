"""order notes and issues: staff notes on an order (internal or customer-visible) and the questions, problems and
change requests customers raise on their orders, with the order agents' answers

Revision ID: 0016
Revises: 0015
"""
import sqlalchemy as sa
from alembic import op

import engine.store.types

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

UTC = engine.store.types.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "order_notes",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("customer_visible", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["customer_orders.id"], name="fk_order_notes_order"),
        sa.PrimaryKeyConstraint("id", name="pk_order_notes"),
    )
    op.create_index("ix_order_notes_order", "order_notes", ["order_id", "created_at"])
    op.create_table(
        "order_issues",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("party_id", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("raised_by", sa.String(length=120), nullable=False),
        sa.Column("raised_at", UTC(timezone=True), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_by", sa.String(length=120), nullable=True),
        sa.Column("answered_at", UTC(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["order_id"], ["customer_orders.id"], name="fk_order_issues_order"),
        sa.ForeignKeyConstraint(["party_id"], ["parties.id"], name="fk_order_issues_party"),
        sa.PrimaryKeyConstraint("id", name="pk_order_issues"),
    )
    op.create_index("ix_order_issues_order", "order_issues", ["order_id", "raised_at"])
    op.create_index("ix_order_issues_state", "order_issues", ["state", "raised_at"])
    op.create_index("ix_order_issues_party", "order_issues", ["party_id", "raised_at"])


def downgrade() -> None:
    for index in ("ix_order_issues_party", "ix_order_issues_state", "ix_order_issues_order"):
        op.drop_index(index, table_name="order_issues")
    op.drop_table("order_issues")
    op.drop_index("ix_order_notes_order", table_name="order_notes")
    op.drop_table("order_notes")
