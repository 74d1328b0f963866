from __future__ import annotations

import io
import re
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from PIL import Image

from kd.content.kinds import kind_of
from kd.core.auth import acting_user, confirmed_required
from kd.core.errors import DomainError
from kd.db import session, transaction
from kd.media import images, services
from kd.media.forms import PhotoDetailsForm, UploadForm
from kd.media.models import Photo, PhotoPermission
from kd.media.queries import lead_photos, photos_of, photos_with_hash, public_photos, subject_by_kind
from kd.media.storage import get_storage

bp = Blueprint("media", __name__)
VARIANT_NAME = re.compile(r"(?P<hash>[0-9a-f]{64})-(?P<width>[0-9]{1,5})\.(?P<ext>webp|jpg)")
MIME_TYPES = {"webp": "image/webp", "jpg": "image/jpeg"}
# Not `immutable`: a published photo can be taken down, so caches keep it an hour, then ask again (ETag).
PUBLIC_CACHE = "public, max-age=3600, must-revalidate"
PRIVATE_CACHE = "private, no-cache"
# Room for the other form fields next to the file before a request counts as too large.
FORM_OVERHEAD_BYTES = 64 * 1024


@bp.record_once
def _configure_pillow(state) -> None:
    """Pillow's own bomb check (a warning past the limit, an error past twice it) follows the config."""
    Image.MAX_IMAGE_PIXELS = state.app.config["MAX_IMAGE_PIXELS"]


@bp.url_value_preprocessor
def _limit_upload_size(endpoint: str | None, _values) -> None:
    """Runs before CSRF parses the form: a body far over the upload limit is refused unread (413)."""
    if endpoint == "media.upload":
        request.max_content_length = current_app.config["MAX_UPLOAD_BYTES"] + FORM_OVERHEAD_BYTES


@bp.app_template_global("photos_of")
def _photos_of(subject) -> list[Photo]:
    """Photos visitors may see (the sitemap's image entries, previews)."""
    return public_photos(subject)


@bp.app_template_global("lead_photos")
def _lead_photos(subjects) -> dict[int, Photo]:
    """Cards in a list of profiles or of stories: the first photo visitors may see of each, by id."""
    subjects = list(subjects)
    return lead_photos(kind_of(subjects[0]), [subject.id for subject in subjects]) if subjects else {}


@bp.app_template_global("photo_key")
def photo_key(photo: Photo | None) -> tuple | None:
    """What a card shows of a photo, for keying the rendered card (kd/core/fragments.py)."""
    if photo is None:
        return None
    return photo.id, photo.alt_text, photo.width, photo.height, tuple(variant["jpeg"] for variant in photo.variants)


@bp.app_template_global("hit_photos")
def _hit_photos(hits) -> dict[str, dict[int, Photo]]:
    """Search results: {"story": {id: photo}, "profile": {id: photo}}, in two queries."""
    return {"story": lead_photos("story", [hit.id for hit in hits if hit.kind == "story"]),
            "profile": lead_photos("profile", [hit.id for hit in hits if hit.kind != "story"])}


@bp.app_template_global("gallery_photos")
def _gallery_photos(subject) -> list[Photo]:
    """On a profile or story page: what visitors see, and for its managers the photos waiting for review."""
    if services.can_manage(subject, current_user):
        return photos_of(subject)
    return public_photos(subject)


@bp.app_template_global("media_url")
def media_url(name: str, grant: str | None = None) -> str:
    url = get_storage().url(f"public/{name}")
    return f"{url}?{urlencode({'grant': grant})}" if grant else url


@bp.app_template_global("photo_grant")
def photo_grant(photo: Photo) -> str:
    """For pages that show an unpublished photo to someone who does not manage it (see media_url)."""
    return services.view_grant(photo)


@bp.get("/media/<name>")
def serve(name: str):
    """Public only while the photo's profile or story is approved; else its managers only."""
    match = VARIANT_NAME.fullmatch(name)
    photos = [photo for photo in photos_with_hash(match["hash"]) if _has_variant(photo, name)] if match else []
    cache = _cache_policy(photos)
    if cache is None:
        abort(404)
    try:
        with get_storage().open(f"public/{name}") as stream:
            data = stream.read()
    except FileNotFoundError:
        abort(404)
    response = send_file(io.BytesIO(data), mimetype=MIME_TYPES[match["ext"]], etag=name, conditional=True)
    response.headers["Cache-Control"] = cache
    return response


def _has_variant(photo: Photo, name: str) -> bool:
    return any(name in (variant["webp"], variant["jpeg"]) for variant in photo.variants)


def _cache_policy(photos: list[Photo]) -> str | None:
    """Checked in this order so that public files never depend on (or vary by) the session."""
    if any(photo.is_public for photo in photos):
        return PUBLIC_CACHE
    if any(services.can_manage(photo.subject, current_user) for photo in photos):
        return PRIVATE_CACHE
    granted = services.granted_photo_id(request.args.get("grant"))
    if granted is not None and any(photo.id == granted for photo in photos):
        return PRIVATE_CACHE
    return None


def _managed_subject(kind: str, subject_id: int):
    subject = subject_by_kind(kind, subject_id)
    if subject is None or not services.can_manage(subject, current_user):
        abort(404)
    return subject


def _managed_photo(photo_id: int) -> Photo:
    photo = session.get(Photo, photo_id)
    if photo is None or not services.can_manage(photo.subject, current_user):
        abort(404)
    return photo


def _details(form: PhotoDetailsForm) -> services.PhotoDetails:
    return services.PhotoDetails(alt_text=form.alt_text.data or "", caption=form.caption.data or "",
                                 credit=form.credit.data or "", permission=PhotoPermission(form.permission.data),
                                 licence=form.licence.data or "")


def _upload_form() -> UploadForm:
    form = UploadForm()
    form.photo.description = _("JPEG, PNG, WebP, GIF or HEIC, at most %(size)s.",
                               size=images.human_size(current_app.config["MAX_UPLOAD_BYTES"]))
    return form


def _edit_form(photo: Photo, submitted: bool = False) -> PhotoDetailsForm:
    if submitted:
        return PhotoDetailsForm(prefix=f"photo{photo.id}")
    return PhotoDetailsForm(prefix=f"photo{photo.id}", formdata=None, alt_text=photo.alt_text, caption=photo.caption,
                            credit=photo.credit, permission=photo.permission.value, licence=photo.licence)


def _page(subject, upload_form=None, edited: PhotoDetailsForm | None = None, edited_id: int | None = None,
          status: int = 200):
    photos = photos_of(subject)
    forms = {photo.id: edited if photo.id == edited_id else _edit_form(photo) for photo in photos}
    return render_template("media/manage.html", subject=subject, kind=kind_of(subject), photos=photos,
                           edit_forms=forms, form=upload_form or _upload_form(),
                           limit=services.PHOTO_LIMITS[kind_of(subject)]), status


@bp.get("/photos/<any(profile, story):kind>/<int:subject_id>")
@confirmed_required
def manage(kind: str, subject_id: int):
    return _page(_managed_subject(kind, subject_id))


@bp.post("/photos/<any(profile, story):kind>/<int:subject_id>")
@confirmed_required
def upload(kind: str, subject_id: int):
    subject = _managed_subject(kind, subject_id)
    form = _upload_form()
    if not form.validate_on_submit():
        return _page(subject, upload_form=form, status=400)
    try:
        with transaction():
            _add_uploaded(subject, form)
    except DomainError as error:
        form.photo.errors = [*form.photo.errors, error.message]
        return _page(subject, upload_form=form, status=507 if isinstance(error, services.PhotoNotStored) else 400)
    flash(_("The photo is added."), "success")
    return redirect(url_for(".manage", kind=kind, subject_id=subject_id))


def _add_uploaded(subject, form: UploadForm) -> Photo:
    upload = form.photo.data
    data = images.read_limited(upload.stream, current_app.config["MAX_UPLOAD_BYTES"])
    return services.add_photo(subject, data, upload.filename or "", _details(form), acting_user(),
                              replace=form.replace.data)


@bp.post("/photos/<int:photo_id>/edit")
@confirmed_required
def edit(photo_id: int):
    photo = _managed_photo(photo_id)
    form = _edit_form(photo, submitted=True)
    if form.validate_on_submit():
        try:
            with transaction():
                services.update_photo(photo, _details(form), acting_user())
        except DomainError as error:
            form.alt_text.errors = [*form.alt_text.errors, error.message]
        else:
            flash(_("The photo details are saved."), "success")
            return _back_to(photo)
    return _page(photo.subject, edited=form, edited_id=photo.id, status=400)


@bp.post("/photos/<int:photo_id>/delete")
@confirmed_required
def delete(photo_id: int):
    photo = _managed_photo(photo_id)
    redirect_to = _back_to(photo)
    with transaction():
        services.delete_photo(photo, acting_user())
    flash(_("The photo is deleted."), "success")
    return redirect_to


@bp.post("/photos/<int:photo_id>/move")
@confirmed_required
def move(photo_id: int):
    photo = _managed_photo(photo_id)
    steps = {"up": -1, "down": 1}
    if request.form.get("direction") not in steps:
        abort(400)
    with transaction():
        services.move_photo(photo, steps[request.form["direction"]], acting_user())
    return _back_to(photo)


def _back_to(photo: Photo):
    subject = photo.subject
    return redirect(url_for(".manage", kind=kind_of(subject), subject_id=subject.id))
