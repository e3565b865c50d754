"""party dues: bases, reductions, payments, and the branch's rounding of the monthly amount

Three new tables (spec/dues.md): dues_base (a member's 缴费基数 for a year, or 低保/救济/抚恤),
dues_reduction (减免: the branch's decision, a lower amount or 免交, from month to month) and
dues_payment (each payment; a 冲正 entry points at the one it reverses, nothing is deleted).
Money is whole 分 in integers. branch.dues_rounding says how the monthly amount is rounded:
'分' (half-up, the default for every existing branch), '角' or '元' (up to it).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 12:00:00
"""

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'dues_base',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('base_fen', sa.Integer(), nullable=True),
        sa.Column('special', sa.String(length=4), nullable=True),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('set_by', sa.String(length=50), nullable=False),
        sa.Column('set_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['member_id'], ['member.id'],
                                name=op.f('fk_dues_base_member_id_member')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_dues_base')),
        sa.UniqueConstraint('member_id', 'year', name=op.f('uq_dues_base_member_id')),
    )
    op.create_table(
        'dues_payment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('first_month', sa.String(length=7), nullable=False),
        sa.Column('last_month', sa.String(length=7), nullable=False),
        sa.Column('amount_fen', sa.Integer(), nullable=False),
        sa.Column('paid_on', sa.Date(), nullable=False),
        sa.Column('how', sa.String(length=10), nullable=False),
        sa.Column('collector', sa.String(length=50), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('over_six_confirmed', sa.Boolean(), nullable=False),
        sa.Column('reverses_id', sa.Integer(), nullable=True),
        sa.Column('recorded_by', sa.String(length=50), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['member_id'], ['member.id'],
                                name=op.f('fk_dues_payment_member_id_member')),
        sa.ForeignKeyConstraint(['reverses_id'], ['dues_payment.id'],
                                name=op.f('fk_dues_payment_reverses_id_dues_payment')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_dues_payment')),
        sa.UniqueConstraint('reverses_id', name=op.f('uq_dues_payment_reverses_id')),
    )
    with op.batch_alter_table('dues_payment', schema=None) as batch_op:
        batch_op.create_index('ix_dues_payment_member_month', ['member_id', 'first_month'],
                              unique=False)
        batch_op.create_index('ix_dues_payment_month', ['first_month'], unique=False)
    op.create_table(
        'dues_reduction',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('from_month', sa.String(length=7), nullable=False),
        sa.Column('to_month', sa.String(length=7), nullable=True),
        sa.Column('monthly_fen', sa.Integer(), nullable=True),
        sa.Column('decided_on', sa.Date(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('set_by', sa.String(length=50), nullable=False),
        sa.Column('set_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['member_id'], ['member.id'],
                                name=op.f('fk_dues_reduction_member_id_member')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_dues_reduction')),
    )
    with op.batch_alter_table('dues_reduction', schema=None) as batch_op:
        batch_op.create_index('ix_dues_reduction_member', ['member_id', 'from_month'],
                              unique=False)
    with op.batch_alter_table('branch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dues_rounding', sa.String(length=2),
                                      server_default=sa.text("'分'"), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('branch', schema=None) as batch_op:
        batch_op.drop_column('dues_rounding')
    with op.batch_alter_table('dues_reduction', schema=None) as batch_op:
        batch_op.drop_index('ix_dues_reduction_member')
    op.drop_table('dues_reduction')
    with op.batch_alter_table('dues_payment', schema=None) as batch_op:
        batch_op.drop_index('ix_dues_payment_month')
        batch_op.drop_index('ix_dues_payment_member_month')
    op.drop_table('dues_payment')
    op.drop_table('dues_base')
