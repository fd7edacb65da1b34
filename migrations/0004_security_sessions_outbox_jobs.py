from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from app.models.security import LinkPurpose
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index
from tortoise.migrations.constraints import CheckConstraint

# Check constraints are added with AddConstraint: tortoise-orm 1.1.9's CreateModel does not
# create them (see 0003).
class Migration(migrations.Migration):
    dependencies = [('ungeloftet', '0003_initial_check_constraints')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Job',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharField(max_length=64)),
                ('payload', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('unique_key', fields.CharField(null=True, unique=True, max_length=200)),
                ('run_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('attempts', fields.SmallIntField(default=0)),
                ('max_attempts', fields.SmallIntField(default=5)),
                ('locked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('locked_by', fields.CharField(default='', max_length=100)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_error', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'job', 'app': 'ungeloftet', 'indexes': [Index(fields=['finished_at', 'run_at'])], 'pk_attr': 'id', 'table_description': 'Deferred or periodic work. Workers claim rows with ``FOR UPDATE SKIP LOCKED``, so a'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LoginFailure',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('email', fields.CharField(description='as typed, lower-cased', max_length=254)),
                ('ip', fields.CharField(max_length=64)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'login_failure', 'app': 'ungeloftet', 'indexes': [Index(fields=['email', 'at']), Index(fields=['ip', 'at'])], 'pk_attr': 'id', 'table_description': 'One failed login, counted per account and per address to throttle guessing.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OneTimeLink',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('purpose', fields.CharEnumField(description='INVITATION: invitation\nPASSWORD_RESET: password_reset', enum_type=LinkPurpose, max_length=16)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('user', fields.ForeignKeyField('ungeloftet.User', source_field='user_id', db_constraint=True, to_field='id', related_name='one_time_links', on_delete=OnDelete.CASCADE)),
                ('created_by', fields.ForeignKeyField('ungeloftet.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name='links_created', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'one_time_link', 'app': 'ungeloftet', 'indexes': [Index(fields=['user_id', 'purpose'])], 'pk_attr': 'id', 'table_description': 'An invitation or password-reset link: expires, and works once.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OutboxMessage',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('to_email', fields.CharField(max_length=254)),
                ('subject', fields.CharField(max_length=200)),
                ('body', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('attempts', fields.SmallIntField(default=0)),
                ('last_error', fields.TextField(default='', unique=False)),
            ],
            options={'table': 'outbox_message', 'app': 'ungeloftet', 'indexes': [Index(fields=['sent_at', 'created_at'])], 'pk_attr': 'id', 'table_description': 'An e-mail written in the same transaction as the change it reports, sent later.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Session',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key_hash', fields.CharField(unique=True, max_length=64)),
                ('user', fields.ForeignKeyField('ungeloftet.User', source_field='user_id', db_constraint=True, to_field='id', related_name='sessions', on_delete=OnDelete.CASCADE)),
                ('csrf_token', fields.CharField(max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('last_seen_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(description='absolute end, whatever the activity', auto_now=False, auto_now_add=False)),
                ('idle_timeout_minutes', fields.SmallIntField()),
                ('ip', fields.CharField(default='', max_length=64)),
                ('user_agent', fields.CharField(default='', max_length=300)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'session', 'app': 'ungeloftet', 'indexes': [Index(fields=['user_id', 'revoked_at'])], 'pk_attr': 'id', 'table_description': 'A login. The cookie holds a random key; only its SHA-256 is stored.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Organisation',
            name='rejection_reason',
            field=fields.TextField(default='', unique=False),
        ),
        ops.AddConstraint(model_name='Session', constraint=CheckConstraint(check='idle_timeout_minutes > 0', name='session_idle_timeout_positive')),
        ops.AddConstraint(model_name='Session', constraint=CheckConstraint(check='expires_at > created_at', name='session_expires_after_creation')),
    ]
