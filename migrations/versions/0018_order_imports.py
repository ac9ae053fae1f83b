"""order imports: bulk imports of orders from files, the rows they rejected and the orders they created

Revision ID: 0018
Revises: 0017
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.store.types

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

UTC = engine.store.types.UTCDateTime
JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "order_imports",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("mapping_key", sa.String(length=200), nullable=True),
        sa.Column("mapping_version", sa.Integer(), nullable=True),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_path", sa.Text(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("file_bytes", sa.BigInteger(), nullable=False),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.Column("started_at", UTC(timezone=True), nullable=True),
        sa.Column("finished_at", UTC(timezone=True), nullable=True),
        sa.Column("updated_at", UTC(timezone=True), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in (
            "rows_read", "orders_read", "orders_created", "orders_existing", "orders_rejected", "rows_rejected",
            "resume_row")),
        sa.Column("resume_offset", sa.BigInteger(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_order_imports"),
    )
    op.create_index("ix_order_imports_state", "order_imports", ["state", "created_at"])
    op.create_index("ix_order_imports_file", "order_imports", ["file_sha256"])
    op.create_table(
        "import_rejects",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("import_id", sa.String(length=64), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("column", sa.String(length=200), nullable=True),
        sa.Column("order_key", sa.String(length=200), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("cells", JSON, nullable=True),
        sa.ForeignKeyConstraint(["import_id"], ["order_imports.id"], name="fk_import_rejects_import"),
        sa.PrimaryKeyConstraint("id", name="pk_import_rejects"),
    )
    op.create_index("ix_import_rejects_import", "import_rejects", ["import_id", "row", "id"])
    op.create_table(
        "imported_orders",
        sa.Column("import_id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("order_key", sa.String(length=200), nullable=False),
        sa.Column("first_row", sa.Integer(), nullable=False),
        sa.Column("created", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["import_id"], ["order_imports.id"], name="fk_imported_orders_import"),
        sa.ForeignKeyConstraint(["order_id"], ["customer_orders.id"], name="fk_imported_orders_order"),
        sa.PrimaryKeyConstraint("import_id", "order_id", name="pk_imported_orders"),
    )
    op.create_index("ix_imported_orders_order", "imported_orders", ["order_id"])


def downgrade() -> None:
    op.drop_index("ix_imported_orders_order", table_name="imported_orders")
    op.drop_table("imported_orders")
    op.drop_index("ix_import_rejects_import", table_name="import_rejects")
    op.drop_table("import_rejects")
    op.drop_index("ix_order_imports_file", table_name="order_imports")
    op.drop_index("ix_order_imports_state", table_name="order_imports")
    op.drop_table("order_imports")
