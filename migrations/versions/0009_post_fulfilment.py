"""post-fulfilment changes: product characteristic history

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.store.types

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "product_versions",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("product_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("characteristics", JSON, nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=True),
        sa.Column("order_item_id", sa.String(length=64), nullable=True),
        sa.Column("valid_from", engine.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("valid_to", engine.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name="fk_product_versions_product"),
        sa.PrimaryKeyConstraint("id", name="pk_product_versions"),
        sa.UniqueConstraint("product_id", "version", name="uq_product_versions_version"),
    )
    op.create_index("ix_product_versions_product_id", "product_versions", ["product_id"])


def downgrade() -> None:
    op.drop_index("ix_product_versions_product_id", table_name="product_versions")
    op.drop_table("product_versions")
