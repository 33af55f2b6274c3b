"""Users and the register's client at the test provider: `python -m tests.oidc_provider.seed
CLIENT_ID CLIENT_SECRET REDIRECT_URI USERNAME:EMAIL:PASSWORD ...` (after migrate)."""

import sys

import django


def main(client_id, client_secret, redirect_uri, *users):
    django.setup()
    from django.contrib.auth import get_user_model
    from oauth2_provider.models import Application

    for entry in users:
        username, email, password = entry.split(":", 2)
        user = get_user_model().objects.create_user(username, email=email, password=password)
        user.first_name = username.capitalize()
        user.save()
    Application.objects.create(
        name="IOP-registret",
        client_id=client_id,
        client_secret=client_secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect_uri,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
