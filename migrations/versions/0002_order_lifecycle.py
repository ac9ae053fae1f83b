"""order lifecycle: pricing, approvals, plans, contracts, entitlements

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 14:08:30.476900
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.store.types

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('approvals',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('order_id', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=60), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('decided_by', sa.String(length=120), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('created_at', engine.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', engine.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['customer_orders.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('approvals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_approvals_order_id'), ['order_id'], unique=False)

    op.create_table('contracts',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('order_id', sa.String(length=64), nullable=False),
    sa.Column('product_id', sa.String(length=64), nullable=False),
    sa.Column('party_id', sa.String(length=64), nullable=True),
    sa.Column('term_months', sa.Integer(), nullable=False),
    sa.Column('start_date', engine.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('end_date', engine.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('renewal_notice_date', engine.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', engine.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['customer_orders.id'], ),
    sa.ForeignKeyConstraint(['party_id'], ['parties.id'], ),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contracts_order_id'), ['order_id'], unique=False)

    op.create_table('entitlements',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('contract_id', sa.String(length=64), nullable=False),
    sa.Column('product_id', sa.String(length=64), nullable=False),
    sa.Column('specification_id', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('start_date', engine.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('end_date', engine.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['contract_id'], ['contracts.id'], ),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('entitlements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entitlements_contract_id'), ['contract_id'], unique=False)

    with op.batch_alter_table('customer_orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pricing', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True))
        batch_op.add_column(sa.Column('missing_information', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True))
        batch_op.add_column(sa.Column('expected_completion_date', engine.store.types.UTCDateTime(timezone=True), nullable=True))

    with op.batch_alter_table('domain_orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ref', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('depends_on', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('plan_key', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('plan_version', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('missing', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True))

    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('place', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True))
        batch_op.create_foreign_key('fk_products_parent_id', 'products', ['parent_id'], ['id'])

    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('waits_for', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('spec', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False, server_default=sa.text("'{}'")))
        batch_op.add_column(sa.Column('assignee', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('point_of_no_return', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('notes', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('ready_at', engine.store.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('due_at', engine.store.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_tasks_assignment_group'), ['assignment_group'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tasks_assignment_group'))
        batch_op.drop_column('due_at')
        batch_op.drop_column('ready_at')
        batch_op.drop_column('notes')
        batch_op.drop_column('point_of_no_return')
        batch_op.drop_column('assignee')
        batch_op.drop_column('spec')
        batch_op.drop_column('waits_for')

    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_constraint('fk_products_parent_id', type_='foreignkey')
        batch_op.drop_column('place')
        batch_op.drop_column('parent_id')

    with op.batch_alter_table('domain_orders', schema=None) as batch_op:
        batch_op.drop_column('missing')
        batch_op.drop_column('plan_version')
        batch_op.drop_column('plan_key')
        batch_op.drop_column('depends_on')
        batch_op.drop_column('ref')

    with op.batch_alter_table('customer_orders', schema=None) as batch_op:
        batch_op.drop_column('expected_completion_date')
        batch_op.drop_column('missing_information')
        batch_op.drop_column('pricing')

    with op.batch_alter_table('entitlements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entitlements_contract_id'))

    op.drop_table('entitlements')
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contracts_order_id'))

    op.drop_table('contracts')
    with op.batch_alter_table('approvals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_approvals_order_id'))

    op.drop_table('approvals')
