"""Share cards (PNG), the embeddable story card and the oEmbed endpoint."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, render_template, request, send_file, url_for
from flask_babel import gettext as _

from kd.cards.services import CardSpec, card_path
from kd.sharing import embeds, meta, subjects
from kd.sharing.links import mail_link, share_targets

bp = Blueprint("sharing", __name__)
CARD_MAX_AGE = 24 * 3600
EMBED_POLICY = ("default-src 'none'; img-src 'self' data:; style-src 'self'; base-uri 'none'; "
                "form-action 'none'; frame-ancestors *")


@bp.app_template_global()
def share_meta(subject) -> meta.PageMeta:
    return meta.share_meta(subject)


@bp.app_template_global()
def page_meta(title: str, description: str) -> meta.PageMeta:
    return meta.page_meta(title, description)


@bp.app_template_global()
def oembed_url(subject) -> str:
    return url_for("sharing.oembed", url=subjects.page_url(subject), format="json", _external=True)


bp.add_app_template_global(share_targets, "share_targets")
bp.add_app_template_global(mail_link, "share_mail_link")


@bp.get("/cards/<any(profiles, stories, collections, actions):kind>/<slug>.png")
def card(kind: str, slug: str):
    subject = embeds.public_subject(kind, slug) or abort(404)
    return _png(card_path(subjects.card_spec(subject)))


@bp.get("/cards/site.png")
def site_card():
    spec = CardSpec(_("Kosovo Diaspora"), _("People, groups and organisations of the Kosovo diaspora and what "
                                            "they achieve."), _("Stories of achievement"), None, "KD")
    return _png(card_path(spec))


@bp.get("/embed/stories/<slug>")
def embed_story(slug: str):
    story = embeds.public_subject("stories", slug) or abort(404)
    response = render_template("sharing/embed.html", story=story, photo=subjects.lead_photo(story),
                               url=subjects.page_url(story))
    return response, 200, {"Content-Security-Policy": EMBED_POLICY, "Cache-Control": "public, max-age=300"}


@bp.get("/oembed")
def oembed():
    """oEmbed 1.0 for stories: ?url=<story address>&format=json&maxwidth=&maxheight=."""
    try:
        request_ = embeds.read_oembed_request(request.args)
    except embeds.OEmbedError as error:
        return jsonify(error=error.message), error.status_code
    response = jsonify(embeds.oembed_response(request_))
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def _png(path):
    return send_file(path, mimetype="image/png", max_age=CARD_MAX_AGE, conditional=True, etag=True)
