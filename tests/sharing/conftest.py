import pytest
from sqlalchemy import select

from kd import db
from kd.accounts.models import Role
from kd.db import transaction
from kd.media.models import PhotoPermission
from kd.media.services import PhotoDetails, add_photo
from tests.api.conftest import make_content  # noqa: F401  (fixture)
from tests.media.conftest import image_bytes


@pytest.fixture
def attach_photo(app, make_user):
    """attach_photo(kind, slug, color=…): a real upload through the photo pipeline, done by an editor."""
    editor = make_user(role=Role.EDITOR)

    def attach(model, slug: str, color: str = "#c81e1e", alt: str = "Drita at the award ceremony"):
        with app.app_context(), transaction():
            subject = db.session.scalars(select(model).where(model.slug == slug)).one()
            add_photo(subject, image_bytes(size=(900, 700), color=color), "photo.jpg",
                      PhotoDetails(alt, permission=PhotoPermission.OWN), db.session.get(type(editor), editor.id))
    return attach

