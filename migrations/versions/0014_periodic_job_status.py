"""periodic job status: last run, last success, last error and consecutive failures per periodic job

Revision ID: 0014
Revises: 0013
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.store.types

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "periodic_job_status",
        sa.Column("kind", sa.String(length=80), nullable=False),
        sa.Column("last_run_at", engine.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_success_at", engine.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", engine.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.Column("failed_items", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False),
        sa.PrimaryKeyConstraint("kind", name="pk_periodic_job_status"),
    )


def downgrade() -> None:
    op.drop_table("periodic_job_status")
