"""talks, committee posts, vote exclusions and the rectification list

Four new tables for organisation life (spec/org-life.md), none touching an existing one:
talk (谈心谈话: date, talker — a member or a free name —, the member talked with, how, topic,
opinions, follow-up), committee_post (who holds which post, from and until, and the 换届
election the term counts from), vote_exclusion (a member left out of a year's vote count, with
the category, the reason and the approval) and rectify_item (the 组织生活会's 整改清单: problem,
measure, who answers for it, deadline, progress, done date).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 18:00:00
"""

import sqlalchemy as sa
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    _talk()
    _committee_post()
    _vote_exclusion()
    _rectify_item()


def _talk() -> None:
    op.create_table(
        'talk',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('branch_id', sa.Integer(), nullable=False),
        sa.Column('date', sa.Date(), nullable=False),
        sa.Column('talker_id', sa.Integer(), nullable=True),
        sa.Column('talker_name', sa.String(length=50), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('how', sa.String(length=4), nullable=False),
        sa.Column('topic', sa.String(length=200), nullable=False),
        sa.Column('opinions', sa.Text(), nullable=False),
        sa.Column('follow_up', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['branch_id'], ['branch.id'],
                                name=op.f('fk_talk_branch_id_branch')),
        sa.ForeignKeyConstraint(['member_id'], ['member.id'],
                                name=op.f('fk_talk_member_id_member')),
        sa.ForeignKeyConstraint(['talker_id'], ['member.id'],
                                name=op.f('fk_talk_talker_id_member')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_talk')),
    )
    with op.batch_alter_table('talk', schema=None) as batch_op:
        batch_op.create_index('ix_talk_branch_date', ['branch_id', 'date'], unique=False)
        batch_op.create_index('ix_talk_member', ['member_id'], unique=False)


def _committee_post() -> None:
    op.create_table(
        'committee_post',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('branch_id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('post', sa.String(length=6), nullable=False),
        sa.Column('from_date', sa.Date(), nullable=False),
        sa.Column('until_date', sa.Date(), nullable=True),
        sa.Column('elected_on', sa.Date(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['branch_id'], ['branch.id'],
                                name=op.f('fk_committee_post_branch_id_branch')),
        sa.ForeignKeyConstraint(['member_id'], ['member.id'],
                                name=op.f('fk_committee_post_member_id_member')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_committee_post')),
    )
    with op.batch_alter_table('committee_post', schema=None) as batch_op:
        batch_op.create_index('ix_committee_post_branch', ['branch_id', 'from_date'],
                              unique=False)


def _vote_exclusion() -> None:
    op.create_table(
        'vote_exclusion',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('category', sa.String(length=20), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('approved_by', sa.String(length=100), nullable=False),
        sa.Column('approved_on', sa.Date(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['member_id'], ['member.id'],
                                name=op.f('fk_vote_exclusion_member_id_member')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_vote_exclusion')),
        sa.UniqueConstraint('member_id', 'year', name=op.f('uq_vote_exclusion_member_id')),
    )


def _rectify_item() -> None:
    op.create_table(
        'rectify_item',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('branch_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('problem', sa.Text(), nullable=False),
        sa.Column('measure', sa.Text(), nullable=False),
        sa.Column('responsible', sa.String(length=100), nullable=False),
        sa.Column('deadline', sa.Date(), nullable=False),
        sa.Column('progress', sa.Text(), nullable=False),
        sa.Column('done_on', sa.Date(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['branch_id'], ['branch.id'],
                                name=op.f('fk_rectify_item_branch_id_branch')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_rectify_item')),
    )
    with op.batch_alter_table('rectify_item', schema=None) as batch_op:
        batch_op.create_index('ix_rectify_item_branch_year', ['branch_id', 'year'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('rectify_item', schema=None) as batch_op:
        batch_op.drop_index('ix_rectify_item_branch_year')
    op.drop_table('rectify_item')
    op.drop_table('vote_exclusion')
    with op.batch_alter_table('committee_post', schema=None) as batch_op:
        batch_op.drop_index('ix_committee_post_branch')
    op.drop_table('committee_post')
    with op.batch_alter_table('talk', schema=None) as batch_op:
        batch_op.drop_index('ix_talk_member')
        batch_op.drop_index('ix_talk_branch_date')
    op.drop_table('talk')
