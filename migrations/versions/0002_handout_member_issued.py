"""handout by member and issue date

A branch's hand-outs of one quarter (the quarterly workbook's 自学资料发放 and its 发放资料份数)
were found through ix_handout_member_status, reading every hand-out the branch's members ever
had: 12,000 rows per branch in a county of ten years, 7 ms a query. With (member_id,
issued_date) the quarter is a range: 0.3 ms.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 15:40:00
"""

from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('handout', schema=None) as batch_op:
        batch_op.create_index('ix_handout_member_issued', ['member_id', 'issued_date'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('handout', schema=None) as batch_op:
        batch_op.drop_index('ix_handout_member_issued')
