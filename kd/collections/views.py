"""Visitors read published collections; editors build them (/editor/collections)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from kd.collections import queries, services
from kd.collections.forms import NO_COVER, AddItemForm, CollectionForm, CoverForm
from kd.collections.models import Collection
from kd.core.auth import acting_user, editor_required
from kd.core.errors import DomainError
from kd.core.forms import ButtonForm
from kd.db import session, transaction
from kd.search import service as search
from kd.search.backend import SearchQuery

bp = Blueprint("collections", __name__)
KIND_PATHS = {"person": "people", "group": "groups", "organisation": "organisations", "story": "stories"}


@bp.app_template_global()
def collection_url(collection: Collection, **kwargs) -> str:
    return url_for("collections.show", slug=collection.slug, **kwargs)


bp.add_app_template_global(queries.collections_with, "collections_with")


# Public pages ----------------------------------------------------------------------------------

@bp.get("/collections")
def index():
    return render_template("collections/index.html", collections=queries.published(), cover_of=queries.cover_of)


@bp.get("/collections/<slug>")
def show(slug: str):
    collection = queries.published_by_slug(slug) or abort(404)
    return render_template("collections/show.html", collection=collection,
                           items=queries.visible_items(collection), cover=queries.cover_of(collection))


# Editors ---------------------------------------------------------------------------------------

@bp.get("/editor/collections")
@editor_required
def manage():
    return render_template("collections/manage.html", collections=queries.all_for_editors(),
                           action_form=ButtonForm())


@bp.route("/editor/collections/new", methods=["GET", "POST"])
@editor_required
def new():
    form = CollectionForm()
    if not form.validate_on_submit():
        return render_template("collections/form.html", form=form, collection=None), 400 if form.errors else 200
    with transaction():
        collection = services.create_collection(acting_user(), form.collection_fields())
    flash(_("The collection is saved as a draft. Now add profiles and stories."), "success")
    return redirect(url_for(".edit", collection_id=collection.id))


@bp.route("/editor/collections/<int:collection_id>", methods=["GET", "POST"])
@editor_required
def edit(collection_id: int):
    collection = _collection(collection_id)
    form = CollectionForm(obj=collection if request.method == "GET" else None)
    if not form.validate_on_submit():
        return _edit_page(collection, form=form, status=400 if form.errors else 200)
    with transaction():
        services.update_collection(acting_user(), collection, form.collection_fields())
    flash(_("The collection is saved."), "success")
    return redirect(url_for(".edit", collection_id=collection.id))


@bp.post("/editor/collections/<int:collection_id>/items")
@editor_required
def add_item(collection_id: int):
    collection = _collection(collection_id)
    form = AddItemForm()
    if not form.validate_on_submit():
        return _edit_page(collection, add_form=form, status=400)
    return _apply(collection, lambda editor: services.add_item(editor, collection, form.reference.data,
                                                               form.note.data or ""),
                  _("Added to the collection."), add_form=form)


@bp.post("/editor/collections/<int:collection_id>/items/<int:item_id>/<any(up, down):move>")
@editor_required
def move_item(collection_id: int, item_id: int, move: str):
    collection = _collection(collection_id)
    return _apply(collection, lambda editor: services.move_item(editor, collection, item_id, move),
                  _("The order is saved."), fragment=f"item-{item_id}")


@bp.post("/editor/collections/<int:collection_id>/items/<int:item_id>/remove")
@editor_required
def remove_item(collection_id: int, item_id: int):
    collection = _collection(collection_id)
    return _apply(collection, lambda editor: services.remove_item(editor, collection, item_id),
                  _("Removed from the collection."))


@bp.post("/editor/collections/<int:collection_id>/cover")
@editor_required
def cover(collection_id: int):
    collection = _collection(collection_id)
    form = _cover_form(collection)
    if not form.validate_on_submit():
        return _edit_page(collection, cover_form=form, status=400)
    return _apply(collection, lambda editor: services.set_cover(editor, collection, form.photo_id()),
                  _("The cover photo is saved."))


@bp.post("/editor/collections/<int:collection_id>/<any(publish, unpublish):move>")
@editor_required
def publish(collection_id: int, move: str):
    collection = _collection(collection_id)
    change = services.publish if move == "publish" else services.unpublish
    message = _("The collection is published.") if move == "publish" else _("The collection is a draft again.")
    return _apply(collection, lambda editor: change(editor, collection), message)


@bp.post("/editor/collections/<int:collection_id>/delete")
@editor_required
def delete(collection_id: int):
    collection = _collection(collection_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    with transaction():
        services.delete_collection(acting_user(), collection)
    flash(_("The collection is deleted."), "success")
    return redirect(url_for(".manage"))


def _apply(collection: Collection, change, success: str, fragment: str = "", **forms):
    """Run one service call for a button form; a refusal comes back on the edit page with the input kept."""
    if not ButtonForm().validate_on_submit() and not forms:
        abort(400)
    try:
        with transaction():
            change(acting_user())
    except DomainError as error:
        flash(error.message, "error")
        return _edit_page(collection, status=error.status_code, **forms)
    flash(success, "success")
    return redirect(url_for(".edit", collection_id=collection.id, _anchor=fragment or None))


def _edit_page(collection: Collection, status: int = 200, form=None, add_form=None, cover_form=None):
    find = request.args.get("find", "").strip()[:200]
    return render_template(
        "collections/edit.html", collection=collection, form=form or CollectionForm(obj=collection),
        add_form=add_form or AddItemForm(formdata=None), cover_form=cover_form or _cover_form(collection),
        action_form=ButtonForm(), find=find, found=_find(find), kind_paths=KIND_PATHS), status


def _cover_form(collection: Collection) -> CoverForm:
    form = CoverForm(formdata=request.form if request.method == "POST" else None)
    form.offer(services.cover_choices(collection))
    if request.method == "GET" or form.photo.data is None:
        form.photo.data = str(collection.cover_photo_id) if collection.cover_photo_id else NO_COVER
    return form


def _find(text: str) -> list:
    if not text:
        return []
    return search.search(SearchQuery(text=text, per_page=10, highlight=False)).hits


def _collection(collection_id: int) -> Collection:
    return session.get(Collection, collection_id) or abort(404)
