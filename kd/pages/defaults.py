"""Built-in texts shown until an admin saves the page (Markdown, in both languages)."""
from __future__ import annotations

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
    ("privacy", "en"): """### What we keep

- **Accounts:** your name, email address, password (only as a secure hash) and language.
- **Submissions:** the profiles, stories and photos you send, and who reviewed them.
- **Newsletter:** your email address and language, only after you confirm the subscription.
- **Contact messages:** what you write to us, so that editors can answer.

### What we do not do

We do not sell or share addresses, we show no advertising and we load nothing from other websites. \
Email addresses are never shown to visitors.

### Your choices

Every newsletter has a link to unsubscribe with one click, which deletes your address. \
To correct or delete your account or content, write to us through the contact page.""",
    ("privacy", "sq"): """### Çfarë ruajmë

- **Llogaritë:** emrin, adresën e email-it, fjalëkalimin (vetëm si hash i sigurt) dhe gjuhën.
- **Dërgesat:** profilet, historitë dhe fotot që dërgoni, dhe kush i shqyrtoi.
- **Buletini:** adresën e email-it dhe gjuhën, vetëm pasi ta konfirmoni abonimin.
- **Mesazhet e kontaktit:** atë që na shkruani, që redaktorët të mund t'ju përgjigjen.

### Çfarë nuk bëjmë

Nuk i shesim dhe nuk i ndajmë adresat, nuk shfaqim reklama dhe nuk ngarkojmë asgjë nga faqe të tjera. \
Adresat e email-it nuk u shfaqen kurrë vizitorëve.

### Zgjedhjet tuaja

Çdo buletin ka një lidhje për t'u çabonuar me një klikim, që e fshin adresën tuaj. \
Për të korrigjuar ose fshirë llogarinë ose përmbajtjen tuaj, na shkruani përmes faqes së kontaktit.""",
}


def default_text(slug: str, locale: str) -> str:
    return DEFAULT_TEXTS[(slug, locale)]
