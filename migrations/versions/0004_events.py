"""events: hub listeners, the event outbox and the delivery log

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 15:05:00.000000
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.store.types

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table('event_listeners',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('callback', sa.String(length=2000), nullable=False),
    sa.Column('query', sa.String(length=2000), nullable=True),
    sa.Column('secret', sa.String(length=128), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=True),
    sa.Column('created_at', engine.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', engine.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name='pk_event_listeners')
    )
    op.create_table('event_outbox',
    sa.Column('seq', ID, autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('event_type', sa.String(length=80), nullable=False),
    sa.Column('entity_type', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=120), nullable=False),
    sa.Column('envelope', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', engine.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('seq', name='pk_event_outbox'),
    sa.UniqueConstraint('event_id', name='uq_event_outbox_event_id')
    )
    with op.batch_alter_table('event_outbox', schema=None) as batch_op:
        batch_op.create_index('ix_event_outbox_entity', ['entity_type', 'entity_id'], unique=False)

    op.create_table('event_deliveries',
    sa.Column('id', ID, autoincrement=True, nullable=False),
    sa.Column('listener_id', sa.String(length=64), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('attempt', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('at', engine.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['listener_id'], ['event_listeners.id'], name='fk_event_deliveries_listener'),
    sa.ForeignKeyConstraint(['event_id'], ['event_outbox.event_id'], name='fk_event_deliveries_event'),
    sa.PrimaryKeyConstraint('id', name='pk_event_deliveries'),
    sa.UniqueConstraint('event_id', 'listener_id', 'attempt', name='uq_event_deliveries_attempt')
    )
    with op.batch_alter_table('event_deliveries', schema=None) as batch_op:
        batch_op.create_index('ix_event_deliveries_listener', ['listener_id', 'at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('event_deliveries', schema=None) as batch_op:
        batch_op.drop_index('ix_event_deliveries_listener')

    op.drop_table('event_deliveries')
    with op.batch_alter_table('event_outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_event_outbox_entity')

    op.drop_table('event_outbox')
    op.drop_table('event_listeners')
