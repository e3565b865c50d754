"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 15:40:15.681027
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user', sa.String(length=50), nullable=False),
    sa.Column('entity', sa.String(length=20), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('field', sa.String(length=50), nullable=False),
    sa.Column('old', sa.Text(), nullable=False),
    sa.Column('new', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entity', ['entity', 'entity_id'], unique=False)
        batch_op.create_index('ix_audit_member', ['member_id', 'at'], unique=False)

    op.create_table('branch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('township', sa.String(length=100), nullable=False),
    sa.Column('secretary', sa.String(length=50), nullable=False),
    sa.Column('phone', sa.String(length=50), nullable=False),
    sa.Column('study_day', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_branch')),
    sa.UniqueConstraint('name', name=op.f('uq_branch_name'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('material',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('branch_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('period', sa.String(length=50), nullable=False),
    sa.Column('received_date', sa.Date(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('full_marks', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_material_branch_id_branch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_material'))
    )
    op.create_table('member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('branch_id', sa.Integer(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('search_key', sa.String(length=400), nullable=False),
    sa.Column('gender', sa.String(length=2), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('birth_month_only', sa.Boolean(), nullable=False),
    sa.Column('id_number', sa.String(length=18), nullable=True),
    sa.Column('ethnicity', sa.String(length=20), nullable=False),
    sa.Column('retire_type', sa.String(length=4), nullable=True),
    sa.Column('is_party_member', sa.Boolean(), nullable=False),
    sa.Column('party_join_date', sa.Date(), nullable=True),
    sa.Column('former_unit', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=100), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('community', sa.String(length=100), nullable=False),
    sa.Column('living', sa.String(length=10), nullable=True),
    sa.Column('mobility', sa.String(length=10), nullable=False),
    sa.Column('emergency_contact', sa.String(length=50), nullable=False),
    sa.Column('emergency_phone', sa.String(length=50), nullable=False),
    sa.Column('health_notes', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=4), nullable=False),
    sa.Column('status_date', sa.Date(), nullable=True),
    sa.Column('joined_date', sa.Date(), nullable=True),
    sa.Column('needs_care', sa.Boolean(), nullable=False),
    sa.Column('care_reason', sa.String(length=100), nullable=False),
    sa.Column('visit_interval_days', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_member_branch_id_branch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member')),
    sa.UniqueConstraint('id_number', name=op.f('uq_member_id_number'))
    )
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.create_index('ix_member_branch_status', ['branch_id', 'status'], unique=False)
        batch_op.create_index('ix_member_name', ['name'], unique=False)

    op.create_table('study_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('branch_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.String(length=5), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('speaker', sa.String(length=100), nullable=False),
    sa.Column('place', sa.String(length=100), nullable=False),
    sa.Column('hours', sa.Double(), nullable=False),
    sa.Column('minutes_text', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('cancelled', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_study_event_branch_id_branch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_study_event'))
    )
    with op.batch_alter_table('study_event', schema=None) as batch_op:
        batch_op.create_index('ix_study_event_branch_date', ['branch_id', 'date'], unique=False)

    op.create_table('volunteer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('branch_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('organisation', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=50), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_volunteer_branch_id_branch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer'))
    )
    op.create_table('attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('mark', sa.String(length=4), nullable=False),
    sa.Column('reason', sa.String(length=50), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['study_event.id'], name=op.f('fk_attendance_event_id_study_event')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_attendance_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
    sa.UniqueConstraint('event_id', 'member_id', name=op.f('uq_attendance_event_id'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index('ix_attendance_member', ['member_id'], unique=False)

    op.create_table('pairing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('helper_id', sa.Integer(), nullable=False),
    sa.Column('helped_id', sa.Integer(), nullable=False),
    sa.Column('since', sa.Date(), nullable=False),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.CheckConstraint('helper_id <> helped_id', name=op.f('ck_pairing_not_self')),
    sa.ForeignKeyConstraint(['helped_id'], ['member.id'], name=op.f('fk_pairing_helped_id_member')),
    sa.ForeignKeyConstraint(['helper_id'], ['member.id'], name=op.f('fk_pairing_helper_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pairing'))
    )
    with op.batch_alter_table('pairing', schema=None) as batch_op:
        batch_op.create_index('ix_pairing_helped', ['helped_id'], unique=False)
        batch_op.create_index('ix_pairing_helper', ['helper_id'], unique=False)

    op.create_table('subscription',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('periodical', sa.String(length=100), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('copies', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_subscription_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subscription')),
    sa.UniqueConstraint('member_id', 'periodical', 'year', name=op.f('uq_subscription_member_id'))
    )
    op.create_table('suggestion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('branch_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('category', sa.String(length=50), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('forwarded_to', sa.String(length=100), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_suggestion_branch_id_branch')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_suggestion_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suggestion'))
    )
    with op.batch_alter_table('suggestion', schema=None) as batch_op:
        batch_op.create_index('ix_suggestion_branch_date', ['branch_id', 'date'], unique=False)

    op.create_table('visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('visitor_name', sa.String(length=100), nullable=False),
    sa.Column('visitor_kind', sa.String(length=10), nullable=False),
    sa.Column('volunteer_id', sa.Integer(), nullable=True),
    sa.Column('helper_member_id', sa.Integer(), nullable=True),
    sa.Column('purposes', sa.String(length=200), nullable=False),
    sa.Column('delivered_note', sa.Text(), nullable=False),
    sa.Column('health', sa.Text(), nullable=False),
    sa.Column('mood', sa.Text(), nullable=False),
    sa.Column('requests', sa.Text(), nullable=False),
    sa.Column('follow_up', sa.Text(), nullable=False),
    sa.Column('follow_up_done', sa.Boolean(), nullable=False),
    sa.Column('follow_up_done_date', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['helper_member_id'], ['member.id'], name=op.f('fk_visit_helper_member_id_member')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_visit_member_id_member')),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteer.id'], name=op.f('fk_visit_volunteer_id_volunteer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit'))
    )
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index('ix_visit_member_date', ['member_id', 'date'], unique=False)

    op.create_table('handout',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('material_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('issued_date', sa.Date(), nullable=False),
    sa.Column('method', sa.String(length=10), nullable=False),
    sa.Column('handled_by', sa.String(length=50), nullable=False),
    sa.Column('status', sa.String(length=4), nullable=False),
    sa.Column('delivered_date', sa.Date(), nullable=True),
    sa.Column('visit_id', sa.Integer(), nullable=True),
    sa.Column('returned_date', sa.Date(), nullable=True),
    sa.Column('score', sa.Double(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['material_id'], ['material.id'], name=op.f('fk_handout_material_id_material')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_handout_member_id_member')),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_handout_visit_id_visit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handout'))
    )
    with op.batch_alter_table('handout', schema=None) as batch_op:
        batch_op.create_index('ix_handout_issued', ['issued_date'], unique=False)
        batch_op.create_index('ix_handout_material_member', ['material_id', 'member_id'], unique=False)
        batch_op.create_index('ix_handout_member_status', ['member_id', 'status'], unique=False)
        batch_op.create_index('ix_handout_status', ['status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('handout', schema=None) as batch_op:
        batch_op.drop_index('ix_handout_status')
        batch_op.drop_index('ix_handout_member_status')
        batch_op.drop_index('ix_handout_material_member')
        batch_op.drop_index('ix_handout_issued')

    op.drop_table('handout')
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index('ix_visit_member_date')

    op.drop_table('visit')
    with op.batch_alter_table('suggestion', schema=None) as batch_op:
        batch_op.drop_index('ix_suggestion_branch_date')

    op.drop_table('suggestion')
    op.drop_table('subscription')
    with op.batch_alter_table('pairing', schema=None) as batch_op:
        batch_op.drop_index('ix_pairing_helper')
        batch_op.drop_index('ix_pairing_helped')

    op.drop_table('pairing')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index('ix_attendance_member')

    op.drop_table('attendance')
    op.drop_table('volunteer')
    with op.batch_alter_table('study_event', schema=None) as batch_op:
        batch_op.drop_index('ix_study_event_branch_date')

    op.drop_table('study_event')
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.drop_index('ix_member_name')
        batch_op.drop_index('ix_member_branch_status')

    op.drop_table('member')
    op.drop_table('material')
    op.drop_table('setting')
    op.drop_table('branch')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_member')
        batch_op.drop_index('ix_audit_entity')

    op.drop_table('audit_log')
