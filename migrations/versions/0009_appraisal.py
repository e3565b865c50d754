"""the annual democratic appraisal of members (民主评议党员)

Two new tables (spec/org-life.md): appraisal (one per branch and year: the date, the ballots
issued and returned, a note) and appraisal_member (each member taking part — graded, 预备
without a grade, or left out with the reason — their votes per grade and the committee's grade,
with the follow-up for a 不合格). Nothing existing changes.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 16:00:00
"""

import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'appraisal',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('branch_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('held_on', sa.Date(), nullable=False),
        sa.Column('ballots_issued', sa.Integer(), nullable=True),
        sa.Column('ballots_returned', sa.Integer(), nullable=True),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['branch_id'], ['branch.id'],
                                name=op.f('fk_appraisal_branch_id_branch')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_appraisal')),
        sa.UniqueConstraint('branch_id', 'year', name=op.f('uq_appraisal_branch_id')),
    )
    op.create_table(
        'appraisal_member',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('appraisal_id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('role', sa.String(length=4), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('votes_excellent', sa.Integer(), nullable=True),
        sa.Column('votes_qualified', sa.Integer(), nullable=True),
        sa.Column('votes_basic', sa.Integer(), nullable=True),
        sa.Column('votes_failed', sa.Integer(), nullable=True),
        sa.Column('grade', sa.String(length=4), nullable=True),
        sa.Column('follow_up', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['appraisal_id'], ['appraisal.id'],
                                name=op.f('fk_appraisal_member_appraisal_id_appraisal')),
        sa.ForeignKeyConstraint(['member_id'], ['member.id'],
                                name=op.f('fk_appraisal_member_member_id_member')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_appraisal_member')),
        sa.UniqueConstraint('appraisal_id', 'member_id',
                            name=op.f('uq_appraisal_member_appraisal_id')),
    )
    with op.batch_alter_table('appraisal_member', schema=None) as batch_op:
        batch_op.create_index('ix_appraisal_member_member', ['member_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('appraisal_member', schema=None) as batch_op:
        batch_op.drop_index('ix_appraisal_member_member')
    op.drop_table('appraisal_member')
    op.drop_table('appraisal')
