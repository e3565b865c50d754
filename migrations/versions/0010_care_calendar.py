"""the care calendar: the 困难党员 register, and the month precision of 入党时间

hardship: one entry per member and year (困难状况及原因, 帮扶措施, 公示日期); the member's name,
gender, age, 入党时间 and address stay on the roster.

member.party_join_month_only: 入党时间 written as "1956.04" was stored as the 1st of the month
with nothing saying the day is unknown. The 政治生日 and the 光荣在党50年 list need to know.
Every date stored on the 1st is taken as month-only — the form of nearly every roster's 入党时间
column; a real 1st (七一 admissions among them) then shows as "1956年07月", and the 50-year
list, which counts a month-only date from the 1st anyway, asks for it to be checked.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 10:00:00
"""

import sqlalchemy as sa
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain string default: SQLite adds the column in place (ALTER TABLE ADD COLUMN); a SQL
    # expression would make Alembic rebuild the member table, and a rebuilt table's
    # constraints come out in an order that varies from run to run
    with op.batch_alter_table('member') as batch:
        batch.add_column(sa.Column('party_join_month_only', sa.Boolean(), nullable=False,
                                   server_default='0'))
    op.execute(sa.text("UPDATE member SET party_join_month_only = 1 "
                       "WHERE party_join_date IS NOT NULL "
                       "AND strftime('%d', party_join_date) = '01'"))
    op.create_table(
        'hardship',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('situation', sa.Text(), nullable=False),
        sa.Column('measures', sa.Text(), nullable=False),
        sa.Column('posted_on', sa.Date(), nullable=True),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['member_id'], ['member.id'],
                                name=op.f('fk_hardship_member_id_member')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_hardship')),
        sa.UniqueConstraint('member_id', 'year', name=op.f('uq_hardship_member_id')),
    )
    with op.batch_alter_table('hardship') as batch:
        batch.create_index('ix_hardship_year', ['year'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('hardship') as batch:
        batch.drop_index('ix_hardship_year')
    op.drop_table('hardship')
    with op.batch_alter_table('member') as batch:
        batch.drop_column('party_join_month_only')
