"""idempotency keys of product order requests; one order per externalId within a party

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

import engine.store.types

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "idempotency_keys",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("scope", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", engine.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["customer_orders.id"], name="fk_idempotency_keys_order"),
        sa.PrimaryKeyConstraint("id", name="pk_idempotency_keys"),
        sa.UniqueConstraint("scope", "key", name="uq_idempotency_keys_scope_key"),
    )
    op.create_index("uq_customer_orders_party_external", "customer_orders",
                    [sa.text("coalesce(party_id, '')"), "external_id"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_customer_orders_party_external", table_name="customer_orders")
    op.drop_table("idempotency_keys")
