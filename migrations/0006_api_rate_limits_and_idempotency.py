from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('ungeloftet', '0005_outbox_back_off')]

    initial = False

    operations = [
        ops.CreateModel(
            name='IdempotencyKey',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('token', fields.ForeignKeyField('ungeloftet.ApiToken', source_field='token_id', db_constraint=True, to_field='id', related_name='idempotency_keys', on_delete=OnDelete.CASCADE)),
                ('key', fields.CharField(max_length=100)),
                ('operation', fields.CharField(max_length=64)),
                ('input_hash', fields.CharField(description='SHA-256 of the canonical input', max_length=64)),
                ('result', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'idempotency_key', 'app': 'ungeloftet', 'unique_together': (('token', 'key'),), 'indexes': [Index(fields=['created_at'])], 'pk_attr': 'id', 'table_description': 'The first result of a mutation sent with an idempotency key: the same key with the'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RateLimitWindow',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('token', fields.ForeignKeyField('ungeloftet.ApiToken', source_field='token_id', db_constraint=True, to_field='id', related_name='rate_limit_windows', on_delete=OnDelete.CASCADE)),
                ('window_start', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('points', fields.IntField(default=0)),
            ],
            options={'table': 'rate_limit_window', 'app': 'ungeloftet', 'unique_together': (('token', 'window_start'),), 'indexes': [Index(fields=['window_start'])], 'pk_attr': 'id', 'table_description': 'The points a token has spent in one hour. One row per token and hour, upserted'},
            bases=['Model'],
        ),
    ]
