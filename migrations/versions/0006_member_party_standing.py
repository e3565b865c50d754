"""member.party_standing: 正式 or 预备

Organisation life (spec/org-life.md) counts full members apart from probationary ones: only full
members vote (the 4/5 quorum of an election), are graded in the annual 民主评议党员, and decide
whether a branch elects a committee (7 or more) or a secretary only. Rosters of retired cadres'
branches are nearly all full members, so every existing member becomes 正式.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 14:00:00
"""

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('member') as batch:
        batch.add_column(sa.Column('party_standing', sa.String(length=2), nullable=False,
                                   server_default=sa.text("'正式'")))


def downgrade() -> None:
    with op.batch_alter_table('member') as batch:
        batch.drop_column('party_standing')
