"""Translations of published stories and profiles into the other site language, by members and volunteer
translators, moderated like any submission (kd.content.workflow) and shown to visitors in their language.

models     Translation (a moderated row per subject and language), TranslatorGrant, TranslationClaim
fields     which texts of each kind are translated, and the original's texts as a snapshot
services   submitting, editors' decisions, translator capability, claims, the stale mark
queries    the approved translation a visitor sees, the editors' queue rows, the "Needs translation" list
machine    the seam for machine translation (an interface with no implementation)
"""
