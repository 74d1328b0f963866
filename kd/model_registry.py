"""Imports every model so that Base.metadata (Alembic, tests) knows all tables."""
from kd.accounts import models as _accounts  # noqa: F401
from kd.actions import models as _actions  # noqa: F401
from kd.audit import models as _audit  # noqa: F401
from kd.collections import models as _collections  # noqa: F401
from kd.connections import models as _connections  # noqa: F401
from kd.contact import models as _contact  # noqa: F401
from kd.content import models as _content  # noqa: F401
from kd.follows import models as _follows  # noqa: F401
from kd.media import models as _media  # noqa: F401
from kd.newsletter import models as _newsletter  # noqa: F401
from kd.pages import models as _pages  # noqa: F401
from kd.profiles import models as _profiles  # noqa: F401
from kd.reports import models as _reports  # noqa: F401
from kd.search import models as _search  # noqa: F401
from kd.stories import models as _stories  # noqa: F401
from kd.tags import models as _tags  # noqa: F401
from kd.wordpress import models as _wordpress  # noqa: F401
