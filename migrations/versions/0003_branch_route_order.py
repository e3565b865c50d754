"""branch.route_order: the secretary's own order of villages for the visit round

The printed visit checklist groups members by village/community. By default the villages come
in pinyin order; a secretary who walks 北岗村 before 东关社区 sets the order once per branch,
and it is kept here (one village a line). NULL means pinyin order, so existing branches need no
data step.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 10:00:00
"""

import sqlalchemy as sa
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('branch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('route_order', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('branch', schema=None) as batch_op:
        batch_op.drop_column('route_order')
