"""cancellation, in-flight revision and compensation

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

import engine.store.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cancel_requests",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("party_id", sa.String(length=64), nullable=True),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("requested_date", engine.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("effective_date", engine.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("order_state", sa.String(length=32), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("created_at", engine.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", engine.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["customer_orders.id"], name="fk_cancel_requests_order_id"),
        sa.ForeignKeyConstraint(["party_id"], ["parties.id"], name="fk_cancel_requests_party_id"),
        sa.PrimaryKeyConstraint("id", name="pk_cancel_requests"),
    )
    op.create_index("ix_cancel_requests_order_id", "cancel_requests", ["order_id"])


def downgrade() -> None:
    op.drop_index("ix_cancel_requests_order_id", table_name="cancel_requests")
    op.drop_table("cancel_requests")
