from django.db import migrations, models


class Migration(migrations.Migration):
    """The constraints after the data migration, in a transaction of their own (PostgreSQL
    does not alter a table with pending trigger events)."""

    dependencies = [
        ('organisations', '0004_membership_per_body'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='membership',
            constraint=models.UniqueConstraint(condition=models.Q(('body__isnull', True)), fields=('user', 'organisation'), name='membership_unique_user_organisation'),
        ),
        migrations.AddConstraint(
            model_name='membership',
            constraint=models.UniqueConstraint(condition=models.Q(('body__isnull', False)), fields=('user', 'organisation', 'body'), name='membership_unique_user_organisation_body'),
        ),
        migrations.AddConstraint(
            model_name='membership',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('body__isnull', False), ('role', 'representative')), models.Q(models.Q(('role', 'representative'), _negated=True), ('body__isnull', True)), _connector='OR'), name='membership_representative_has_body'),
        ),
    ]
