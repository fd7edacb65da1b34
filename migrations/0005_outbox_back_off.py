from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('ungeloftet', '0004_security_sessions_outbox_jobs')]

    initial = False

    operations = [
        ops.AddField(
            model_name='OutboxMessage',
            name='next_attempt_at',
            field=fields.DatetimeField(null=True, description='after a failure: wait until then', auto_now=False, auto_now_add=False),
        ),
    ]
