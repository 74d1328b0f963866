from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, StringField, TextAreaField, URLField
from wtforms.validators import Optional

from kd.core.forms import max_length, required
from kd.core.urls import web_address

MARKDOWN_HINT = _l("Markdown: a blank line starts a paragraph, **bold**, *italic*, [link](https://…), "
                   "- for a list, ### for a heading.")


class PageForm(FlaskForm):
    body_en = TextAreaField(_l("Text in English"), validators=[required(), max_length(20000)],
                            description=MARKDOWN_HINT)
    body_sq = TextAreaField(_l("Text in Albanian"), validators=[required(), max_length(20000)],
                            description=MARKDOWN_HINT)


class PartnerForm(FlaskForm):
    name = StringField(_l("Name"), validators=[required(), max_length(160)])
    url = URLField(_l("Website"), validators=[Optional(), max_length(500), web_address()])
    description_en = TextAreaField(_l("Description in English"), validators=[max_length(2000)])
    description_sq = TextAreaField(_l("Description in Albanian"), validators=[max_length(2000)])
    logo = FileField(_l("Logo"), description=_l("A PNG, JPEG, WebP or GIF image; it is shown at most 480 × 240 "
                                                "pixels."))
    remove_logo = BooleanField(_l("Remove the current logo"))

    def partner_fields(self) -> dict:
        return {name: self[name].data for name in ("name", "url", "description_en", "description_sq")}

