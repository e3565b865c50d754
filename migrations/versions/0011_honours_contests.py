"""honours and contests: contest, contest_entry, honour, city_recommendation

评先评优 (spec/year-end.md). The city's contests of a year (征文, 演讲比赛, 知识竞答) and each
member's entry in them (title, result, a quiz's score in whole tenths of a point); the honours
of members and of the branch itself (name, level 支部 … 国家, year, who conferred them); and the
one member a year the branch recommends to the city's 十佳学习型老干部. Four new tables: nothing
that exists changes.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 10:00:00
"""

import sqlalchemy as sa
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    _contests()
    _honours()


def _contests() -> None:
    op.create_table(
        'contest',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('branch_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('organiser', sa.String(length=100), nullable=False),
        sa.Column('held_on', sa.Date(), nullable=True),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('full_marks', sa.Integer(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['branch_id'], ['branch.id'],
                                name=op.f('fk_contest_branch_id_branch')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_contest')),
    )
    with op.batch_alter_table('contest', schema=None) as batch_op:
        batch_op.create_index('ix_contest_branch_year', ['branch_id', 'year'], unique=False)
    op.create_table(
        'contest_entry',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('contest_id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('result', sa.String(length=50), nullable=False),
        sa.Column('score_tenths', sa.Integer(), nullable=True),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['contest_id'], ['contest.id'],
                                name=op.f('fk_contest_entry_contest_id_contest')),
        sa.ForeignKeyConstraint(['member_id'], ['member.id'],
                                name=op.f('fk_contest_entry_member_id_member')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_contest_entry')),
        sa.UniqueConstraint('contest_id', 'member_id',
                            name=op.f('uq_contest_entry_contest_id')),
    )
    with op.batch_alter_table('contest_entry', schema=None) as batch_op:
        batch_op.create_index('ix_contest_entry_member', ['member_id'], unique=False)


def _honours() -> None:
    op.create_table(
        'honour',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('branch_id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=True),
        sa.Column('name', sa.String(length=50), nullable=False),
        sa.Column('level', sa.String(length=4), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('conferred_by', sa.String(length=100), nullable=False),
        sa.Column('conferred_on', sa.Date(), nullable=True),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('recorded_by', sa.String(length=50), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['branch_id'], ['branch.id'],
                                name=op.f('fk_honour_branch_id_branch')),
        sa.ForeignKeyConstraint(['member_id'], ['member.id'],
                                name=op.f('fk_honour_member_id_member')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_honour')),
    )
    with op.batch_alter_table('honour', schema=None) as batch_op:
        batch_op.create_index('ix_honour_branch_year', ['branch_id', 'year'], unique=False)
        batch_op.create_index('ix_honour_member', ['member_id'], unique=False)
    op.create_table(
        'city_recommendation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('branch_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('recommended_on', sa.Date(), nullable=True),
        sa.Column('deeds', sa.Text(), nullable=False),
        sa.Column('outcome', sa.String(length=4), nullable=False),
        sa.Column('recorded_by', sa.String(length=50), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['branch_id'], ['branch.id'],
                                name=op.f('fk_city_recommendation_branch_id_branch')),
        sa.ForeignKeyConstraint(['member_id'], ['member.id'],
                                name=op.f('fk_city_recommendation_member_id_member')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_city_recommendation')),
        sa.UniqueConstraint('branch_id', 'year', name=op.f('uq_city_recommendation_branch_id')),
    )


def downgrade() -> None:
    op.drop_table('city_recommendation')
    with op.batch_alter_table('honour', schema=None) as batch_op:
        batch_op.drop_index('ix_honour_member')
        batch_op.drop_index('ix_honour_branch_year')
    op.drop_table('honour')
    with op.batch_alter_table('contest_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_contest_entry_member')
    op.drop_table('contest_entry')
    with op.batch_alter_table('contest', schema=None) as batch_op:
        batch_op.drop_index('ix_contest_branch_year')
    op.drop_table('contest')
