"""Built-in texts shown until an admin saves the page (Markdown, in both languages).

The privacy text is built from the message catalogue, one msgid per paragraph or list item, so that
translators see short pieces; its links are absolute because page Markdown allows no relative links.
"""
from __future__ import annotations

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

PAGE_TITLES = {"about": _l("About KD"), "privacy": _l("Privacy")}

DEFAULT_TEXTS = {
    ("about", "en"): """KD is a showcase of the Kosovo diaspora: the people, groups and organisations who live \
abroad, and what they achieve in science, business, the arts, sport and public life.

Members submit profiles and stories; volunteer editors check them before they are published. \
Beyond showcasing, the diaspora acts: our **actions** are short requests to companies and institutions \
that still leave Kosovo out of their country lists, maps and forms.

KD is run by volunteers. Write to us through the contact page.""",
    ("about", "sq"): """KD është vitrina e diasporës së Kosovës: njerëzit, grupet dhe organizatat që jetojnë \
jashtë vendit, dhe çfarë arrijnë në shkencë, biznes, art, sport dhe jetë publike.

Anëtarët dërgojnë profile dhe histori; redaktorë vullnetarë i kontrollojnë para se të publikohen. \
Përtej vitrinës, diaspora vepron: **aksionet** tona janë kërkesa të shkurtra drejtuar kompanive dhe \
institucioneve që ende e lënë Kosovën jashtë listave të shteteve, hartave dhe formularëve.

KD drejtohet nga vullnetarë. Na shkruani përmes faqes së kontaktit.""",
}


def default_text(slug: str, locale: str) -> str:
    if slug == "privacy":
        with force_locale(locale):
            return privacy_text()
    return DEFAULT_TEXTS[(slug, locale)]


def privacy_text() -> str:
    """The privacy page in the current locale, as Markdown."""
    links = {"settings": url_for("accounts.settings", _external=True),
             "delete": url_for("privacy.delete_account", _external=True),
             "contact": url_for("contact.contact", _external=True)}
    blocks = []
    for heading, paragraphs, items in _privacy_sections(links):
        blocks.append(f"### {heading}")
        blocks.extend(paragraphs)
        if items:
            blocks.append("\n".join(f"- {item}" for item in items))
    return "\n\n".join(blocks)


def _privacy_sections(links: dict[str, str]) -> list[tuple[str, list[str], list[str]]]:
    """(heading, paragraphs, list items) for each section of the privacy page."""
    return [
        (_("What we keep"), [_("KD keeps only what it needs to show the diaspora's achievements and to run "
                               "your account:")], [
            _("**Your account:** your name, email address, preferred language and password. The password is "
              "stored only as a secure hash that nobody can read back."),
            _("**What you send:** the profiles, stories and photos you submit, and which editor reviewed them "
              "and when."),
            _("**Nominations:** when you nominate someone, their email address, so that we can ask them whether "
              "they agree to be shown."),
            _("**Actions:** the actions you took part in, and whether your name may be shown with them."),
            _("**Newsletter:** your email address and language, only after you confirm the subscription."),
            _("**Messages and reports:** what you write to us through the contact form or about a profile or "
              "story, so that editors can answer."),
        ]),
        (_("What is public"), [
            _("Nothing you send is public until a volunteer editor has checked and approved it. Drafts and "
              "submissions waiting for review are seen only by you and the editors."),
            _("A profile about another person is published only after that person agrees."),
            _("Email addresses are never shown to visitors."),
        ], []),
        (_("Photos"), [
            _("Before a photo is stored, all its hidden metadata is removed: the camera, the date and the GPS "
              "position where it was taken are not kept."),
            _("Visitors see resized copies. The full-size photo is kept privately, for the editors and for you."),
        ], []),
        (_("Cookies"), [_("KD sets only the cookies it needs to work; there are no advertising or tracking "
                          "cookies:")], [
            _("**session** keeps you logged in and holds the security token that protects every form against "
              "forgery (CSRF). It ends when you close your browser."),
            _("**remember_token** is set only if you tick “Keep me logged in”, and keeps you logged in on that "
              "device for up to a year."),
            _("**kd_lang** remembers the language you chose, for a year."),
        ]),
        (_("What we do not do"), [
            _("We do not sell or share your data, we show no advertising and we load nothing from other "
              "websites."),
        ], []),
        (_("Your data and your account"), [
            _("You can download everything you sent us from [your account settings](%(url)s): a zip file with "
              "your data as JSON and your photos.", url=links["settings"]),
            _("You can [delete your account](%(url)s) at any time. Profiles and stories about you are removed "
              "with it, and so is everything not yet published.", url=links["delete"]),
            _("For published profiles and stories about other people, you choose: hand them to the editors, "
              "who keep them published without your name as their sender, or have them removed."),
            _("Every newsletter has a link to unsubscribe with one click, which deletes your address."),
        ], []),
        (_("What stays after a deletion"), [
            _("The log of changes records what was done on the site and when, so that editors can answer for "
              "their decisions. When an account is deleted, its entries stay, without the person's name, email "
              "address or what they wrote."),
        ], []),
        (_("Contact"), [
            _("For questions about your data, or to have something corrected, write to us through [the contact "
              "page](%(url)s).", url=links["contact"]),
        ], []),
    ]
