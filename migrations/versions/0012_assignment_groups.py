"""assignment groups and their members

Revision ID: 0012
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op

import engine.store.types

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assignment_groups",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", engine.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_assignment_groups"),
    )
    op.create_table(
        "group_members",
        sa.Column("group_key", sa.String(length=120), nullable=False),
        sa.Column("username", sa.String(length=120), nullable=False),
        sa.Column("added_at", engine.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["group_key"], ["assignment_groups.key"], name="fk_group_members_group",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["username"], ["users.username"], name="fk_group_members_user"),
        sa.PrimaryKeyConstraint("group_key", "username", name="pk_group_members"),
    )
    op.create_index("ix_group_members_username", "group_members", ["username"])


def downgrade() -> None:
    op.drop_index("ix_group_members_username", table_name="group_members")
    op.drop_table("group_members")
    op.drop_table("assignment_groups")
