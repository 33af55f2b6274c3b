"""A feed's secret address: its random nonce followed by the nonce's HMAC under the
installation's secret key. Only the nonce is stored, so the address can be shown again on the
page, while a copy of the database without the key cannot make one."""

from django.utils.crypto import constant_time_compare, salted_hmac

from .constants import NONCE_BYTES


def _mac(nonce: str) -> str:
    return salted_hmac("iop.feeds.address", nonce, algorithm="sha256").hexdigest()


def feed_secret(feed) -> str:
    """The secret part of the feed's address."""
    return feed.nonce + _mac(feed.nonce)


def nonce_of(secret: str) -> str | None:
    """The nonce of a genuine secret (its HMAC matches); None for anything else."""
    nonce, mac = secret[: NONCE_BYTES * 2], secret[NONCE_BYTES * 2 :]
    if len(nonce) != NONCE_BYTES * 2 or not constant_time_compare(mac, _mac(nonce)):
        return None
    return nonce
