"""Making and renewing the secret calendar addresses: one function, for a user's own feed or
a partnership's."""

import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .addresses import feed_secret
from .constants import NONCE_BYTES
from .models import CalendarFeed
from .permissions import can_renew_partnership_feed


@transaction.atomic
def feed_renew(*, user, partnership=None) -> tuple[CalendarFeed, str]:
    """A new secret for the user's own feed (or, by an administrator of its body, the
    partnership's); the old address stops at once. Returns the feed and its secret."""
    if partnership is not None and not can_renew_partnership_feed(user, partnership):
        raise PermissionDenied
    owner = {"partnership": partnership} if partnership is not None else {"user": user}
    feed = CalendarFeed.objects.select_for_update().filter(**owner).first()
    if feed is None:
        feed = CalendarFeed(**owner)
    feed.nonce = secrets.token_hex(NONCE_BYTES)
    feed.renewed_at = timezone.now()
    feed.renewed_by = user
    feed.full_clean()
    feed.save()
    return feed, feed_secret(feed)
