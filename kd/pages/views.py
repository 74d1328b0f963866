from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from kd.core.auth import acting_user, admin_required
from kd.core.errors import DomainError
from kd.core.forms import ButtonForm
from kd.core.i18n import current_locale
from kd.core.markdown import render_markdown
from kd.db import session, transaction
from kd.media import images
from kd.pages import queries, services
from kd.pages.defaults import PAGE_TITLES
from kd.pages.forms import PageForm, PartnerForm
from kd.pages.models import Partner

bp = Blueprint("pages", __name__)

LOGO_CACHE = "public, max-age=31536000, immutable"
STEPS = {"up": -1, "down": 1}


@bp.get("/about")
def about():
    return _page("about")


@bp.get("/privacy")
def privacy():
    return _page("privacy")


@bp.route("/admin/pages/<any(about, privacy):slug>", methods=["GET", "POST"])
@admin_required
def edit_page(slug: str):
    texts = queries.page_texts(slug)
    form = PageForm(data={"body_en": texts["en"], "body_sq": texts["sq"]} if request.method == "GET" else None)
    if not form.validate_on_submit():
        return render_template("pages/edit_page.html", form=form, slug=slug, title=PAGE_TITLES[slug]), \
            400 if form.errors else 200
    with transaction():
        services.save_page(acting_user(), slug, form.body_en.data, form.body_sq.data)
    flash(_("The page is saved."), "success")
    return redirect(url_for(f".{slug}"))


@bp.get("/partners")
def partners():
    return render_template("pages/partners.html", partners=queries.partners(), locale=current_locale())


@bp.get("/partners/<int:partner_id>/logo-<logo_hash>.webp")
def logo(partner_id: int, logo_hash: str):
    partner = session.get(Partner, partner_id)
    if partner is None or not partner.logo_hash or partner.logo_hash != logo_hash:
        abort(404)
    response = Response(partner.logo_data, mimetype="image/webp")
    response.headers["Cache-Control"] = LOGO_CACHE
    return response


@bp.get("/admin/partners")
@admin_required
def manage_partners():
    return render_template("pages/manage_partners.html", partners=queries.partners(), form=ButtonForm(formdata=None))


@bp.route("/admin/partners/new", methods=["GET", "POST"])
@admin_required
def new_partner():
    return _partner_form(None)


@bp.route("/admin/partners/<int:partner_id>/edit", methods=["GET", "POST"])
@admin_required
def edit_partner(partner_id: int):
    return _partner_form(session.get(Partner, partner_id) or abort(404))


@bp.post("/admin/partners/<int:partner_id>/move")
@admin_required
def move_partner(partner_id: int):
    partner = session.get(Partner, partner_id) or abort(404)
    if not ButtonForm().validate_on_submit() or request.form.get("direction") not in STEPS:
        abort(400)
    with transaction():
        services.move_partner(acting_user(), partner, STEPS[request.form["direction"]])
    return redirect(url_for(".manage_partners"))


@bp.post("/admin/partners/<int:partner_id>/delete")
@admin_required
def delete_partner(partner_id: int):
    partner = session.get(Partner, partner_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    with transaction():
        services.delete_partner(acting_user(), partner)
    flash(_("%(name)s is removed from the partners.", name=partner.name), "success")
    return redirect(url_for(".manage_partners"))


def _page(slug: str):
    body = render_markdown(queries.page_text(slug, current_locale()), top_heading=2)
    return render_template("pages/page.html", slug=slug, title=PAGE_TITLES[slug], body=body)


def _partner_form(partner: Partner | None):
    form = PartnerForm(obj=partner if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            return _save_partner(partner, form)
        except DomainError as error:
            form.logo.errors.append(error.message)
            return _partner_page(form, partner, error.status_code)
    return _partner_page(form, partner, 400 if form.errors else 200)


def _save_partner(partner: Partner | None, form: PartnerForm):
    upload = form.logo.data
    logo = None
    if upload and getattr(upload, "filename", ""):
        logo = services.prepare_logo(images.read_limited(upload.stream, current_app.config["MAX_UPLOAD_BYTES"]))
    with transaction():
        if partner is None:
            partner = services.create_partner(acting_user(), form.partner_fields(), logo)
        else:
            services.update_partner(acting_user(), partner, form.partner_fields(), logo, form.remove_logo.data)
    flash(_("%(name)s is saved.", name=partner.name), "success")
    return redirect(url_for(".manage_partners"))


def _partner_page(form: PartnerForm, partner: Partner | None, status: int):
    return render_template("pages/partner_form.html", form=form, partner=partner), status
