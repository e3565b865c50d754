"""组织生活 meetings: each branch's kinds, the 组织生活会 held with 民主评议, and the minutes

spec/org-life.md asks how often each kind of meeting was held. Two settings per branch:
branch.kinds_not_held (the kinds it does not hold, one a line; empty for every existing branch:
all kinds are held) and branch.study_day_theme_day (whether its 集中学习日 counts as the month's
主题党日; yes for every existing branch, as it is for most). study_event.with_appraisal marks a
组织生活会 held together with the 民主评议党员 (no existing event is one).

meeting_minutes holds what a 会议记录 adds to its event: 主持人, 记录人, 列席, 决议. The minutes'
内容 stays where secretaries have typed it so far, study_event.minutes_text, so no text moves.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 16:00:00
"""

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('branch') as batch:
        batch.add_column(sa.Column('kinds_not_held', sa.Text(), nullable=False,
                                   server_default=sa.text("''")))
        batch.add_column(sa.Column('study_day_theme_day', sa.Boolean(), nullable=False,
                                   server_default=sa.text('1')))
    with op.batch_alter_table('study_event') as batch:
        batch.add_column(sa.Column('with_appraisal', sa.Boolean(), nullable=False,
                                   server_default=sa.text('0')))
    op.create_table(
        'meeting_minutes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('host', sa.String(length=50), nullable=False),
        sa.Column('recorder', sa.String(length=50), nullable=False),
        sa.Column('guests', sa.Text(), nullable=False),
        sa.Column('decisions', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['study_event.id'],
                                name=op.f('fk_meeting_minutes_event_id_study_event')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_minutes')),
        sa.UniqueConstraint('event_id', name=op.f('uq_meeting_minutes_event_id')),
    )


def downgrade() -> None:
    op.drop_table('meeting_minutes')
    with op.batch_alter_table('study_event') as batch:
        batch.drop_column('with_appraisal')
    with op.batch_alter_table('branch') as batch:
        batch.drop_column('study_day_theme_day')
        batch.drop_column('kinds_not_held')
