"""the ledger book: branch.activity_room and branch.study_points; year_notes

The year's ledger book (支部工作台账, spec/year-end.md) prints what the program already holds;
three things it needs were nowhere yet: the branch's 学习活动室 and 学习点 (two settings of the
branch, empty for every existing one), and the year's plan and summary the secretary writes
(a new table, one row per branch per year).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 10:00:00
"""

import sqlalchemy as sa
from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('branch') as batch:
        batch.add_column(sa.Column('activity_room', sa.String(length=100), nullable=False,
                                   server_default=sa.text("''")))
        batch.add_column(sa.Column('study_points', sa.Text(), nullable=False,
                                   server_default=sa.text("''")))
    op.create_table(
        'year_notes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('branch_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('plan', sa.Text(), nullable=False, server_default=sa.text("''")),
        sa.Column('summary', sa.Text(), nullable=False, server_default=sa.text("''")),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['branch_id'], ['branch.id'],
                                name=op.f('fk_year_notes_branch_id_branch')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_year_notes')),
        sa.UniqueConstraint('branch_id', 'year', name=op.f('uq_year_notes_branch_id')),
    )


def downgrade() -> None:
    op.drop_table('year_notes')
    with op.batch_alter_table('branch') as batch:
        batch.drop_column('study_points')
        batch.drop_column('activity_room')
