"""self-assessment: assessment_checklist, assessment_score

支部自评 (spec/year-end.md): the checklist (考评细则) a branch is rated against, as checked JSON
text, one per branch (none: the program's default); and the secretary's scores and notes for
the hand-judged items, per year and item 编号, in whole tenths of a point. Two new tables:
nothing that exists changes.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 06:10:00
"""

import sqlalchemy as sa
from alembic import op


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'assessment_checklist',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('branch_id', sa.Integer(), nullable=False),
        sa.Column('content', sa.Text(), nullable=False),
        sa.Column('loaded_from', sa.String(length=260), nullable=False),
        sa.Column('loaded_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['branch_id'], ['branch.id'],
                                name=op.f('fk_assessment_checklist_branch_id_branch')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_checklist')),
        sa.UniqueConstraint('branch_id', name=op.f('uq_assessment_checklist_branch_id')),
    )
    op.create_table(
        'assessment_score',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('branch_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=20), nullable=False),
        sa.Column('score_tenths', sa.Integer(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('scored_by', sa.String(length=50), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['branch_id'], ['branch.id'],
                                name=op.f('fk_assessment_score_branch_id_branch')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_score')),
        sa.UniqueConstraint('branch_id', 'year', 'code',
                            name=op.f('uq_assessment_score_branch_id')),
    )


def downgrade() -> None:
    op.drop_table('assessment_score')
    op.drop_table('assessment_checklist')
