# The portal's fixtures (accounts, reports) and finance's (the Bris schedule) for these tests.
from tests.finance.conftest import (  # noqa: F401
    bris,
    bris_appendix,
    bris_budgeted,
    bris_scheduled,
    second_administrator,
)
from tests.portal.conftest import *  # noqa: F403
